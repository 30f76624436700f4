// The form-js editor with a live preview: window.KksFormEditor.create(editorElement, previewElement, schema).
import { FormEditor } from '@bpmn-io/form-js-editor';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './pages/designer-page.css';
import { startForms } from './pages/forms-page.js';

const emptySchema = {
  type: 'default',
  id: 'Form_1',
  schemaVersion: 16,
  components: []
};

/**
 * @returns {Promise<{editor: FormEditor, getSchema: () => object}>}
 */
async function create(editorElement, previewElement, schema) {
  const editor = new FormEditor({ container: editorElement });
  const parsed = typeof schema === 'string' ? JSON.parse(schema) : (schema || emptySchema);
  await editor.importSchema(parsed);

  let preview = null;
  async function refreshPreview() {
    if (!previewElement) {
      return;
    }
    if (preview) {
      preview.destroy();
    }
    preview = new Form({ container: previewElement });
    await preview.importSchema(editor.saveSchema(), {});
  }

  editor.on('changed', () => { refreshPreview().catch(err => console.error(err)); });
  await refreshPreview();
  editorElement.setAttribute('data-kks-rendered', 'true');
  return { editor, getSchema: () => editor.saveSchema() };
}

window.KksFormEditor = { create, emptySchema };

document.addEventListener('DOMContentLoaded', () => {
  const root = document.querySelector('[data-kks-form-workbench]');
  if (root) {
    startForms(root, create, emptySchema).catch(error => {
      console.error(error);
      const status = root.querySelector('[data-testid="designer-status"]');
      status.textContent = String(error && error.message || error);
      status.className = 'designer-status bad';
    });
  }
});
