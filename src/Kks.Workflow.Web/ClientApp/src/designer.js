// The BPMN designer: window.KksDesigner.create(options) builds the bpmn-js Modeler with the Camunda 7
// properties panel, the KKS panel group, live lint, token simulation and Indonesian labels.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import LintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './shared/markers.css';
import './pages/designer-page.css';

import { translateModule } from './designer/translate.js';
import KksPanelModule from './designer/kks-panel.js';
import kksModdle from './designer/kks-moddle.js';
import SimulationLabelModule from './designer/simulation-label.js';
import { lintBundle } from './lint/config.js';
import { startEditor } from './pages/editor-page.js';
import { startList } from './pages/list-page.js';

/**
 * @param {{container: HTMLElement, propertiesPanel: HTMLElement, language?: 'id'|'en',
 *          opds?: {code: string, name: string}[], forms?: {key: string, name?: string}[],
 *          policies?: {name: string, description?: string}[]}} options
 */
function create(options) {
  const language = options.language === 'en' ? 'en' : 'id';
  const modeler = new BpmnModeler({
    container: options.container,
    propertiesPanel: { parent: options.propertiesPanel },
    linting: { bpmnlint: lintBundle(language), active: true },
    kks: { opds: options.opds || [], forms: options.forms || [], policies: options.policies || [] },
    moddleExtensions: { camunda: camundaModdle, kks: kksModdle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      KksPanelModule,
      LintModule,
      TokenSimulationModule,
      SimulationLabelModule,
      translateModule(language)
    ]
  });
  return new Designer(modeler);
}

/** The page's handle on the modeler: load, save, lint, server problems, simulation. */
class Designer {
  constructor(modeler) {
    this.modeler = modeler;
    this.problemOverlays = [];
  }

  /** @returns {Promise<string[]>} the import warnings (empty for a clean file) */
  async open(xml) {
    // Lint after the diagram is drawn, not during the import: a big model shows up to half a second sooner,
    // and its lint marks follow in the next moment. this.linted settles when they are there.
    const linting = this.modeler.get('linting');
    const lintActive = linting.isActive();
    linting.toggle(false);
    const { warnings } = await this.modeler.importXML(xml);
    this.modeler.get('canvas').zoom('fit-viewport', 'auto');
    this.linted = new Promise(resolve => {
      requestAnimationFrame(() => setTimeout(() => {
        linting.toggle(lintActive);
        resolve();
      }, 0));
    });
    return warnings.map(w => w.message);
  }

  async xml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** The live lint results: [{id, category, message}] (category 'error' or 'warn'). */
  lintIssues() {
    const issues = this.modeler.get('linting')._issues || {};
    const flat = [];
    for (const [ id, list ] of Object.entries(issues)) {
      for (const issue of list) {
        flat.push({ id, category: issue.category, message: issue.message });
      }
    }
    return flat;
  }

  /**
   * Marks the server's problems on their elements: a red outline and a badge with the count whose
   * tooltip reads the sentences. Problems without an element (or with an unknown one) are returned
   * so the page can list them above the diagram.
   * @param {{elementId?: string, severity: string, message: string}[]} problems
   */
  showProblems(problems) {
    this.clearProblems();
    const registry = this.modeler.get('elementRegistry');
    const overlays = this.modeler.get('overlays');
    const canvas = this.modeler.get('canvas');
    const byElement = new Map();
    const unplaced = [];
    for (const problem of problems) {
      if (problem.elementId && registry.get(problem.elementId)) {
        const list = byElement.get(problem.elementId) || [];
        list.push(problem);
        byElement.set(problem.elementId, list);
      } else {
        unplaced.push(problem);
      }
    }
    for (const [ id, list ] of byElement) {
      canvas.addMarker(id, 'kks-problem');
      const badge = document.createElement('div');
      const errors = list.filter(p => p.severity === 'error').length;
      badge.className = 'kks-problem-badge' + (errors ? '' : ' kks-warning');
      badge.textContent = String(list.length);
      badge.title = list.map(p => p.message).join('\n');
      badge.setAttribute('data-element-id', id);
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', badge.title);
      const overlayId = overlays.add(id, 'kks-problem', { position: { top: -10, right: 10 }, html: badge });
      this.problemOverlays.push({ id, overlayId });
    }
    return unplaced;
  }

  clearProblems() {
    const overlays = this.modeler.get('overlays');
    const canvas = this.modeler.get('canvas');
    for (const { id, overlayId } of this.problemOverlays) {
      overlays.remove(overlayId);
      canvas.removeMarker(id, 'kks-problem');
    }
    this.problemOverlays = [];
  }

  /** Turns token simulation on or off (the same as the toggle in the canvas). */
  toggleSimulation(active) {
    this.modeler.get('toggleMode').toggleMode(active);
  }

  on(event, callback) {
    this.modeler.on(event, callback);
  }
}

window.KksDesigner = { create };

// The Desainer pages start themselves from their markup (no inline script: the page stays CSP-friendly).
document.addEventListener('DOMContentLoaded', () => {
  const editor = document.querySelector('[data-kks-designer="editor"]');
  if (editor) {
    startEditor(editor).catch(error => {
      console.error(error);
      const status = editor.querySelector('[data-testid="designer-status"]');
      if (status) {
        status.textContent = String(error && error.message || error);
        status.className = 'designer-status bad';
      }
    });
  }
  const list = document.querySelector('[data-kks-designer="list"]');
  if (list) {
    startList(list);
  }
});
