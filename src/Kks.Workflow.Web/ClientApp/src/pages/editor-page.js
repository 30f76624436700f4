// The Desainer editor page (/desainer/editor): loads a version, a draft or a blank model, and wires the
// toolbar: Validasi, Simulasi, Simpan draf, Terapkan, Unduh. The page's texts come from the server (resources).
import { api, texts, format, download } from './api.js';

const blankXml = id => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" name="Proses baru" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Mulai" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${id}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

function randomId(prefix) {
  return prefix + '_' + Math.random().toString(36).slice(2, 9);
}

export async function startEditor(root) {
  const t = texts();
  const status = root.querySelector('[data-testid="designer-status"]');
  const problemList = root.querySelector('[data-testid="problems"]');
  const setStatus = (message, kind) => {
    status.textContent = message;
    status.className = 'designer-status ' + (kind || '');
  };

  const [ opds, forms, drafts, policies ] = await Promise.all([
    api('GET', '/api/designer/opds'), api('GET', '/api/designer/forms'),
    api('GET', '/api/designer/drafts'), api('GET', '/api/designer/kebijakan-tenggat') ]);
  const designer = window.KksDesigner.create({
    container: root.querySelector('[data-testid="canvas"]'),
    propertiesPanel: root.querySelector('[data-testid="properties"]'),
    language: document.documentElement.lang === 'en' ? 'en' : 'id',
    opds: opds.ok ? opds.data : [],
    forms: formChoices(forms.ok ? forms.data : [], drafts.ok ? drafts.data : []),
    policies: policies.ok ? policies.data : []
  });
  window.kksEditor = designer;

  const key = root.dataset.key;
  const draftKey = root.dataset.draft;
  let xml;
  if (draftKey) {
    const draft = await api('GET', '/api/designer/drafts/bpmn/' + encodeURIComponent(draftKey));
    xml = draft.ok ? draft.data.content : null;
  } else if (key) {
    const version = root.dataset.version ? '?version=' + encodeURIComponent(root.dataset.version) : '';
    const loaded = await api('GET', '/api/designer/definitions/' + encodeURIComponent(key) + '/xml' + version);
    xml = loaded.ok ? loaded.data : null;
  }
  if (xml === null) {
    setStatus(t.LoadFailed, 'bad');
    return;
  }

  const started = performance.now();
  const warnings = await designer.open(xml || blankXml(randomId('Proses')));
  root.dataset.openMs = String(Math.round(performance.now() - started));
  const warningBox = root.querySelector('[data-testid="import-warnings"]');
  warningBox.replaceChildren(...warnings.map(w => Object.assign(document.createElement('li'), { textContent: w })));
  warningBox.hidden = warnings.length === 0;

  if (root.dataset.duplicate === 'true') {
    const process = processElement(designer);
    designer.modeler.get('modeling').updateProperties(process, {
      id: randomId(process.businessObject.id.replace(/_copy.*$/, '') + '_copy'),
      name: format(t.CopyName, { name: process.businessObject.name || process.businessObject.id })
    });
  }
  root.dataset.ready = 'true';
  setStatus(format(t.Opened, { key: processElement(designer).businessObject.id }), '');

  const showProblems = problems => {
    const unplaced = designer.showProblems(problems);
    problemList.replaceChildren(...problems.map(problem => {
      const item = document.createElement('li');
      item.className = problem.severity;
      item.dataset.elementId = problem.elementId || '';
      const label = problem.elementId ? problem.elementId + ': ' : '';
      item.textContent = label + problem.message;
      if (problem.elementId && !unplaced.includes(problem)) {
        item.tabIndex = 0;
        item.addEventListener('click', () => selectElement(designer, problem.elementId));
        item.addEventListener('keydown', event => { if (event.key === 'Enter') selectElement(designer, problem.elementId); });
      }
      return item;
    }));
  };

  const button = name => root.querySelector('[data-action="' + name + '"]');

  button('validate').addEventListener('click', async () => {
    const result = await api('POST', '/api/designer/validate', { xml: await designer.xml() });
    if (!result.ok) {
      setStatus(result.data.message || t.Failed, 'bad');
      return;
    }
    showProblems(result.data.problems);
    const errors = result.data.problems.filter(p => p.severity === 'error').length;
    setStatus(errors ? format(t.ProblemsFound, { count: errors }) : t.Valid, errors ? 'bad' : 'good');
  });

  button('deploy').addEventListener('click', async () => {
    const result = await api('POST', '/api/designer/deploy', { xml: await designer.xml() });
    if (result.status === 400 && result.data.problems) {
      showProblems(result.data.problems);
      setStatus(result.data.message, 'bad');
      return;
    }
    if (!result.ok) {
      setStatus((result.data && result.data.message) || t.Failed, 'bad');
      return;
    }
    showProblems(result.data.problems || []);
    const deployed = result.data.definitions[0];
    const withForms = (result.data.forms || []).map(f => f.key + ' v' + f.version).join(', ');
    setStatus(format(t.Deployed, { key: deployed.key, version: deployed.version }) + (withForms ? ' ' + format(t.DeployedWithForms, { forms: withForms }) : ''), 'good');
    root.dataset.deployedVersion = String(deployed.version);
  });

  button('save-draft').addEventListener('click', async () => {
    const process = processElement(designer).businessObject;
    const result = await api('PUT', '/api/designer/drafts/bpmn/' + encodeURIComponent(process.id), { name: process.name, content: await designer.xml() });
    setStatus(result.ok ? format(t.DraftSaved, { key: process.id }) : (result.data.message || t.Failed), result.ok ? 'good' : 'bad');
  });

  const simulate = button('simulate');
  simulate.addEventListener('click', () => designer.toggleSimulation(simulate.getAttribute('aria-pressed') !== 'true'));
  // the toolbar button and the canvas toggle drive the same mode: both stay in step whichever is used
  designer.on('tokenSimulation.toggleMode', event => {
    simulate.setAttribute('aria-pressed', String(event.active));
    setStatus(event.active ? t.SimulationOn : t.SimulationOff, '');
  });

  button('download').addEventListener('click', async () => {
    download(processElement(designer).businessObject.id + '.bpmn', await designer.xml(), 'application/xml');
  });
}

/** The deployed forms, and the user's form drafts not deployed yet (Terapkan deploys a draft beside the model). */
function formChoices(deployed, drafts) {
  const forms = deployed.map(form => ({ key: form.key, name: form.name }));
  for (const draft of drafts.filter(d => d.kind === 'form')) {
    if (!forms.some(form => form.key === draft.key)) {
      forms.push({ key: draft.key, name: draft.name });
    }
  }
  return forms;
}

function processElement(designer) {
  return designer.modeler.get('canvas').getRootElement();
}

function selectElement(designer, id) {
  const element = designer.modeler.get('elementRegistry').get(id);
  if (element) {
    designer.modeler.get('selection').select(element);
    designer.modeler.get('canvas').scrollToElement(element);
  }
}
