// bpmnlint rules that say early, while drawing, what the engine's validator (Kks.Workflow.Engine/BpmnValidator)
// would refuse at deployment. The server check (Validasi / Terapkan) stays the authority.
import { is, isAny } from 'bpmnlint-utils';

function camunda(node, name) {
  return node.get ? node.get('camunda:' + name) : undefined;
}

/** A user task nobody receives sits in no inbox: it needs an assignee, candidate users or a candidate group (OPD). */
export function userTaskAssignee() {
  return {
    check(node, reporter) {
      if (!is(node, 'bpmn:UserTask')) {
        return;
      }
      const someone = [ 'assignee', 'candidateUsers', 'candidateGroups' ]
        .some(name => (camunda(node, name) || '').trim() !== '');
      if (!someone) {
        reporter.report(node.id, 'User task has no assignee, candidate users or candidate group (OPD)');
      }
    }
  };
}

const unsupportedTypes = [
  [ 'bpmn:ScriptTask', 'Script task is not supported: use an external service task' ],
  [ 'bpmn:BusinessRuleTask', 'Business rule task is not supported: use an exclusive gateway with conditions' ],
  [ 'bpmn:Transaction', 'Transaction is not supported: use a plain sub-process' ],
  [ 'bpmn:AdHocSubProcess', 'Ad-hoc sub-process is not supported: draw the order with flows' ],
  [ 'bpmn:ComplexGateway', 'Complex gateway is not supported: use an inclusive or exclusive gateway' ]
];

const unsupportedDefinitions = [
  [ 'bpmn:SignalEventDefinition', 'Signal events are not supported: use a message or a timer' ],
  [ 'bpmn:ConditionalEventDefinition', 'Conditional events are not supported: use a gateway with conditions' ],
  [ 'bpmn:CompensateEventDefinition', 'Compensation is not supported: model the undoing as ordinary steps' ],
  [ 'bpmn:LinkEventDefinition', 'Link events are not supported: connect both parts with a sequence flow' ],
  [ 'bpmn:CancelEventDefinition', 'Cancel events are not supported: use an error end event and an error boundary event' ]
];

/** The constructs outside the engine's executed subset (Kks.Workflow.Engine/Parsing/Advice.cs). */
export function supportedElements() {
  return {
    check(node, reporter) {
      for (const [ type, message ] of unsupportedTypes) {
        if (is(node, type)) {
          reporter.report(node.id, message);
          return;
        }
      }
      if (is(node, 'bpmn:SubProcess') && node.triggeredByEvent) {
        reporter.report(node.id, 'Event sub-process is not supported: use boundary events on a sub-process');
        return;
      }
      if (is(node, 'bpmn:IntermediateThrowEvent')) {
        const definition = (node.eventDefinitions || [])[0];
        if (definition && isAny(definition, [ 'bpmn:MessageEventDefinition' ])) {
          reporter.report(node.id, 'Message throw event is not supported: use a send task or an external service task');
          return;
        }
      }
      if (is(node, 'bpmn:Event')) {
        for (const definition of node.eventDefinitions || []) {
          for (const [ type, message ] of unsupportedDefinitions) {
            if (is(definition, type)) {
              reporter.report(node.id, message);
              return;
            }
          }
        }
      }
    }
  };
}
