// The designer's live lint: bpmnlint's recommended rules, tuned to what the engine runs, plus the KKS rules.
// Same shape as bpmnlint's compiled config ({ resolver, config }), written by hand so no extra loader is needed.
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import { userTaskAssignee, supportedElements } from './kks-rules.js';
import { translateLintMessage } from './messages.js';

// Inclusive gateways, implicit splits and joining forks run fine in the engine, so those rules are off.
const rules = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'fake-join': 'warn',
  'label-required': 'warn',
  'no-bpmndi': 'error',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-implicit-end': 'warn',
  'no-implicit-start': 'warn',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'superfluous-gateway': 'warn',
  'kks/user-task-assignee': 'warn',
  'kks/supported-elements': 'error'
};

const ruleFactories = {
  'bpmnlint/ad-hoc-sub-process': adHocSubProcess,
  'bpmnlint/conditional-flows': conditionalFlows,
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/event-based-gateway': eventBasedGateway,
  'bpmnlint/fake-join': fakeJoin,
  'bpmnlint/label-required': labelRequired,
  'bpmnlint/no-bpmndi': noBpmndi,
  'bpmnlint/no-disconnected': noDisconnected,
  'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'bpmnlint/no-implicit-end': noImplicitEnd,
  'bpmnlint/no-implicit-start': noImplicitStart,
  'bpmnlint/no-overlapping-elements': noOverlappingElements,
  'bpmnlint/single-blank-start-event': singleBlankStartEvent,
  'bpmnlint/single-event-definition': singleEventDefinition,
  'bpmnlint/start-event-required': startEventRequired,
  'bpmnlint/superfluous-gateway': superfluousGateway,
  'bpmnlint-plugin-kks/user-task-assignee': userTaskAssignee,
  'bpmnlint-plugin-kks/supported-elements': supportedElements
};

/** Wraps a rule so its messages reach the user in the chosen language. */
function localized(factory, language) {
  return function(...args) {
    const rule = factory(...args);
    const check = rule.check;
    const wrap = reporter => ({
      ...reporter,
      report: (id, message, ...rest) => reporter.report(id, translateLintMessage(message, language), ...rest)
    });
    if (typeof check === 'function') {
      return { ...rule, check: (node, reporter) => check(node, wrap(reporter)) };
    }
    // bpmnlint also accepts { check: { enter, leave } }
    return {
      ...rule,
      check: {
        enter: check.enter && ((node, reporter) => check.enter(node, wrap(reporter))),
        leave: check.leave && ((node, reporter) => check.leave(node, wrap(reporter)))
      }
    };
  };
}

/** The { config, resolver } bundle bpmn-js-bpmnlint takes as `linting.bpmnlint`. */
export function lintBundle(language) {
  const cache = {};
  for (const [ key, factory ] of Object.entries(ruleFactories)) {
    cache[key] = localized(factory, language);
  }
  const resolver = {
    resolveRule(pkg, ruleName) {
      const rule = cache[pkg + '/' + ruleName];
      if (!rule) {
        throw new Error('cannot resolve rule <' + pkg + '/' + ruleName + '>: not bundled');
      }
      return rule;
    },
    resolveConfig(pkg, configName) {
      throw new Error('cannot resolve config <' + configName + '> in <' + pkg + '>: not bundled');
    }
  };
  return { resolver, config: { rules } };
}
