// The Formulir page (/desainer/formulir): the form-js editor with a live preview, Simpan draf and Terapkan.
import { api, texts, format } from './api.js';

const validKey = /^[A-Za-z0-9_.-]+$/;

export async function startForms(root, create, emptySchema) {
  const t = texts();
  const status = root.querySelector('[data-testid="designer-status"]');
  const keyInput = root.querySelector('[data-testid="form-key"]');
  const setStatus = (message, kind) => {
    status.textContent = message;
    status.className = 'designer-status ' + (kind || '');
  };

  let schema = null;
  if (root.dataset.draft) {
    const draft = await api('GET', '/api/designer/drafts/form/' + encodeURIComponent(root.dataset.draft));
    schema = draft.ok ? JSON.parse(draft.data.content) : null;
  } else if (root.dataset.key) {
    const form = await api('GET', '/api/designer/forms/' + encodeURIComponent(root.dataset.key));
    schema = form.ok ? JSON.parse(form.data.schema) : null;
  }
  schema = schema || { ...emptySchema, id: '' };
  keyInput.value = schema.id || '';

  const workbench = await create(root.querySelector('[data-testid="form-editor"]'), root.querySelector('[data-testid="form-preview"]'), schema);
  window.kksFormEditor = workbench;

  const current = () => {
    const key = keyInput.value.trim();
    if (!validKey.test(key)) {
      setStatus(t.FormKeyMissing, 'bad');
      keyInput.focus();
      return null;
    }
    return { key, schema: { ...workbench.getSchema(), id: key } };
  };

  root.querySelector('[data-action="save-draft"]').addEventListener('click', async () => {
    const form = current();
    if (!form) {
      return;
    }
    const result = await api('PUT', '/api/designer/drafts/form/' + encodeURIComponent(form.key), { name: form.key, content: JSON.stringify(form.schema, null, 2) });
    setStatus(result.ok ? format(t.FormDraftSaved, { key: form.key }) : (result.data.message || t.Failed), result.ok ? 'good' : 'bad');
  });

  root.querySelector('[data-action="deploy"]').addEventListener('click', async () => {
    const form = current();
    if (!form) {
      return;
    }
    const result = await api('POST', '/api/designer/forms/deploy', { schema: JSON.stringify(form.schema, null, 2) });
    setStatus(result.ok ? format(t.FormDeployed, { key: result.data.key, version: result.data.version }) : (result.data.message || t.Failed), result.ok ? 'good' : 'bad');
  });
  root.dataset.ready = 'true';
}
