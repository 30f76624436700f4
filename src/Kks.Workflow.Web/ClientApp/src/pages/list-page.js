// The Desainer list page (/desainer): importing a .bpmn file keeps it as a draft and opens it in the editor.
import { api, texts, format } from './api.js';

export function startList(root) {
  const t = texts();
  const input = root.querySelector('[data-testid="import-file"]');
  const status = root.querySelector('[data-testid="designer-status"]');
  if (!input) {
    return;
  }
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) {
      return;
    }
    const xml = await file.text();
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const process = doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')[0];
    if (doc.getElementsByTagName('parsererror').length || !process || !process.getAttribute('id')) {
      status.textContent = format(t.ImportNotBpmn, { file: file.name });
      status.className = 'designer-status bad';
      return;
    }
    const key = process.getAttribute('id');
    const saved = await api('PUT', '/api/designer/drafts/bpmn/' + encodeURIComponent(key), { name: process.getAttribute('name'), content: xml });
    if (!saved.ok) {
      status.textContent = saved.data.message || t.Failed;
      status.className = 'designer-status bad';
      return;
    }
    window.location.href = '/desainer/editor?draf=' + encodeURIComponent(key);
  });
}
