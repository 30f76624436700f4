// The "KKS" group of the properties panel for user tasks: the OPD that receives the task (candidate group,
// chosen from the regency's OPD list and shown as code + name), the form it fills (camunda:formRef), and the
// due date (a date picker, or an expression such as ${addWorkingDays(now(), 10)}).
// Everything is written as plain Camunda 7 attributes, so Camunda Modeler opens the file unchanged.
import { h } from '@bpmn-io/properties-panel/preact';
import { SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

const LOW_PRIORITY = 400;
const dateOnly = /^(\d{4}-\d{2}-\d{2})T23:59:59$/;

function attr(element, name) {
  return getBusinessObject(element).get('camunda:' + name);
}

function useUpdate(element) {
  const modeling = useService('modeling');
  return properties => modeling.updateProperties(element, properties);
}

function CandidateGroupEntry({ element, id }) {
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const kks = useService('config.kks') || {};
  const update = useUpdate(element);
  const getOptions = () => {
    const current = attr(element, 'candidateGroups');
    const options = [ { value: '', label: translate('<none>') } ];
    for (const opd of kks.opds || []) {
      options.push({ value: opd.code, label: opd.code + ' — ' + opd.name });
    }
    if (current && !(kks.opds || []).some(opd => opd.code === current)) {
      options.push({ value: current, label: current });
    }
    return options;
  };
  return h(SelectEntry, {
    id, element, debounce,
    label: translate('OPD (candidate group)'),
    getValue: () => attr(element, 'candidateGroups') || '',
    setValue: value => update({ 'camunda:candidateGroups': value || undefined }),
    getOptions
  });
}

function FormEntry({ element, id }) {
  const translate = useService('translate');
  const kks = useService('config.kks') || {};
  const update = useUpdate(element);
  const getOptions = () => {
    const current = attr(element, 'formRef');
    const options = [ { value: '', label: translate('<none>') } ];
    for (const form of kks.forms || []) {
      options.push({ value: form.key, label: form.name ? form.name + ' (' + form.key + ')' : form.key });
    }
    if (current && !(kks.forms || []).some(form => form.key === current)) {
      options.push({ value: current, label: current });
    }
    return options;
  };
  return h(SelectEntry, {
    id, element,
    label: translate('Form (form-js)'),
    getValue: () => attr(element, 'formRef') || '',
    setValue: value => update(value
      ? { 'camunda:formRef': value, 'camunda:formRefBinding': 'latest', 'camunda:formKey': undefined }
      : { 'camunda:formRef': undefined, 'camunda:formRefBinding': undefined }),
    getOptions
  });
}

/** A native date input: the browser's date picker, keyboard friendly; writes the end of that day (WIB). */
function DueDatePickerEntry({ element, id }) {
  const translate = useService('translate');
  const update = useUpdate(element);
  const match = dateOnly.exec(attr(element, 'dueDate') || '');
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id },
    h('label', { class: 'bio-properties-panel-label', for: 'bio-properties-panel-' + id },
      translate('Due date (pick a day)')),
    h('input', {
      id: 'bio-properties-panel-' + id,
      name: id,
      type: 'date',
      class: 'bio-properties-panel-input',
      value: match ? match[1] : '',
      onChange: event => update({ 'camunda:dueDate': event.target.value ? event.target.value + 'T23:59:59' : undefined })
    }),
    h('div', { class: 'bio-properties-panel-description' },
      translate('The task is due at the end of that day (WIB).')));
}

function DueDateExpressionEntry({ element, id }) {
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const update = useUpdate(element);
  return h(TextFieldEntry, {
    id, element, debounce,
    label: translate('Due date (date or expression)'),
    description: translate('For example ${addWorkingDays(now(), 10)} or 2023-03-24T23:59:59'),
    getValue: () => attr(element, 'dueDate') || '',
    setValue: value => update({ 'camunda:dueDate': value || undefined })
  });
}

function kksGroup(element, translate) {
  return {
    id: 'kks',
    label: translate('KKS'),
    entries: [
      { id: 'kks-candidateGroup', element, component: CandidateGroupEntry, isEdited: isSelectEntryEdited },
      { id: 'kks-formRef', element, component: FormEntry, isEdited: isSelectEntryEdited },
      { id: 'kks-dueDatePicker', element, component: DueDatePickerEntry, isEdited: () => !!attr(element, 'dueDate') },
      { id: 'kks-dueDate', element, component: DueDateExpressionEntry, isEdited: isTextFieldEntryEdited }
    ]
  };
}

function KksPropertiesProvider(propertiesPanel, translate) {
  this._translate = translate;
  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

KksPropertiesProvider.prototype.getGroups = function(element) {
  const translate = this._translate;
  return function(groups) {
    if (is(element, 'bpmn:UserTask')) {
      // right after "General", where the secretariat looks first
      groups.splice(1, 0, kksGroup(element, translate));
    }
    return groups;
  };
};

KksPropertiesProvider.$inject = [ 'propertiesPanel', 'translate' ];

export default {
  __init__: [ 'kksPropertiesProvider' ],
  kksPropertiesProvider: [ 'type', KksPropertiesProvider ]
};
