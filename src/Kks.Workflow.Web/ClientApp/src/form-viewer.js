// A form-js form in a task page: window.KksFormViewer.render(element, schema, data).
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';

/**
 * Renders the form at once; `ready` settles when the schema is imported.
 * @returns {{form: Form, ready: Promise<void>, submit: () => {data: object, errors: object}}}
 *   submit() validates: errors maps a field key to its messages (empty when the form is valid).
 */
function render(element, schema, data = {}) {
  // No input debounce: form-js applies a typed value 300 ms later, so a Kirim pressed sooner (or Enter) would
  // validate and send the value from before the last keystrokes.
  const form = new Form({ container: element, debounce: false });
  const parsed = typeof schema === 'string' ? JSON.parse(schema) : schema;
  const ready = form.importSchema(parsed, data).then(() => {
    element.setAttribute('data-kks-rendered', 'true');
  });
  return {
    form,
    ready,
    submit() {
      return form.submit();
    }
  };
}

window.KksFormViewer = { render };
