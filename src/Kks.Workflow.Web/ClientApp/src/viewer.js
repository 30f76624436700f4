// The read-only diagram of a process instance or a version: window.KksBpmnViewer.render(element, xml, markers).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './shared/markers.css';

const markerClasses = {
  active: 'kks-active',
  completed: 'kks-completed',
  incidents: 'kks-incident',
  added: 'kks-added',
  removed: 'kks-removed',
  changed: 'kks-changed'
};

/**
 * Draws `xml` into `element` and marks elements by id.
 * @param {HTMLElement} element the container (give it a height)
 * @param {string} xml the BPMN 2.0 XML
 * @param {{active?: string[], completed?: string[], incidents?: string[], added?: string[], removed?: string[], changed?: string[]}} [markers]
 * @returns {Promise<{viewer: NavigatedViewer, warnings: string[], missing: string[]}>} missing: ids not found in the diagram
 */
async function render(element, xml, markers = {}) {
  const viewer = new NavigatedViewer({ container: element });
  const { warnings } = await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const missing = [];
  for (const [ key, cssClass ] of Object.entries(markerClasses)) {
    for (const id of markers[key] || []) {
      if (registry.get(id)) {
        canvas.addMarker(id, cssClass);
      } else {
        missing.push(id);
      }
    }
  }
  canvas.zoom('fit-viewport', 'auto');
  element.setAttribute('data-kks-rendered', 'true');
  return { viewer, warnings: warnings.map(w => w.message), missing };
}

window.KksBpmnViewer = { render, markerClasses };

// Markup-only use: <div data-kks-bpmn-view data-xml-url="..." data-markers='{"added": [...]}'> renders itself,
// so pages need no inline script. data-kks-rendered="true" is set when drawn, "error" when the file cannot be drawn.
async function renderDeclared(element) {
  try {
    const response = await fetch(element.dataset.xmlUrl, { credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    await render(element, await response.text(), JSON.parse(element.dataset.markers || '{}'));
  } catch (error) {
    console.error(error);
    element.setAttribute('data-kks-rendered', 'error');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-kks-bpmn-view][data-xml-url]').forEach(renderDeclared);
});
