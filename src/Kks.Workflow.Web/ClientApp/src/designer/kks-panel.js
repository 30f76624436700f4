// The "KKS" group of the properties panel for user tasks: the OPDs that receive the task (candidate groups,
// chosen from the regency's OPD list and shown as code + name), the form it fills (camunda:formRef), the
// due date (a date picker, or an expression such as ${addWorkingDays(now(), 10)}) and the deadline policy.
// Everything is written as plain Camunda 7 attributes plus kks:deadlinePolicy (the engine's own namespace, see
// kks-moddle.js), so Camunda Modeler opens the file unchanged and keeps the KKS attribute.
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

/** The comma list of camunda:candidateGroups as codes (expressions such as ${opd} are kept as they are). */
function groupsOf(element) {
  return (attr(element, 'candidateGroups') || '').split(',').map(code => code.trim()).filter(Boolean);
}

/**
 * Several OPDs can receive one task: a checkbox per OPD ("code — name"), and the chosen ones as chips above it
 * (each with a remove button). Entries that are not OPD codes (an expression, a role such as sekretariat) are kept
 * and shown as chips too. Native checkboxes and buttons: Tab, Space and Enter work without any extra code.
 */
function CandidateGroupsEntry({ element, id }) {
  const translate = useService('translate');
  const kks = useService('config.kks') || {};
  const update = useUpdate(element);
  const opds = kks.opds || [];
  const chosen = groupsOf(element);
  const label = code => {
    const opd = opds.find(o => o.code === code);
    return opd ? opd.code + ' — ' + opd.name : code;
  };
  const set = (code, on) => {
    const now = groupsOf(element).filter(c => c !== code);
    const next = on ? [ ...now, code ] : now;
    update({ 'camunda:candidateGroups': next.length ? next.join(',') : undefined });
  };
  return h('div', { class: 'bio-properties-panel-entry kks-opd-picker', 'data-entry-id': id },
    h('fieldset', { class: 'kks-opd-fieldset', id: 'bio-properties-panel-' + id },
      h('legend', { class: 'bio-properties-panel-label' }, translate('OPDs (candidate groups)')),
      chosen.length
        ? h('ul', { class: 'kks-opd-chips', 'aria-label': translate('Chosen OPDs'), 'data-testid': 'kks-opd-chips' },
          chosen.map(code => h('li', { class: 'kks-opd-chip', 'data-code': code },
            h('span', null, label(code)),
            h('button', {
              type: 'button',
              class: 'kks-opd-chip-remove',
              'aria-label': translate('Remove {opd}', { opd: label(code) }),
              title: translate('Remove {opd}', { opd: label(code) }),
              onClick: () => set(code, false)
            }, '×'))))
        : h('p', { class: 'kks-opd-none' }, translate('No OPD chosen yet.')),
      h('div', { class: 'kks-opd-options' },
        opds.map(opd => h('label', { class: 'kks-opd-option' },
          h('input', {
            type: 'checkbox',
            id: 'bio-properties-panel-kks-opd-' + opd.code,
            value: opd.code,
            checked: chosen.includes(opd.code),
            onChange: event => set(opd.code, event.target.checked)
          }),
          ' ' + opd.code + ' — ' + opd.name)))),
    h('div', { class: 'bio-properties-panel-description' },
      translate('Tick every OPD that receives the task: each of them sees it in its inbox.')));
}

/** kks:deadlinePolicy from the policies the admin keeps; "(none)" removes the attribute. */
function DeadlinePolicyEntry({ element, id }) {
  const translate = useService('translate');
  const kks = useService('config.kks') || {};
  const update = useUpdate(element);
  const getOptions = () => {
    const current = getBusinessObject(element).get('kks:deadlinePolicy');
    const options = [ { value: '', label: translate('(no policy)') } ];
    for (const policy of kks.policies || []) {
      options.push({ value: policy.name, label: policy.description ? policy.name + ' — ' + policy.description : policy.name });
    }
    if (current && !(kks.policies || []).some(policy => policy.name === current)) {
      options.push({ value: current, label: translate('{name} (unknown policy)', { name: current }) });
    }
    return options;
  };
  return h(SelectEntry, {
    id, element,
    label: translate('Deadline policy (reminders and escalation)'),
    description: translate('Reminds the OPD before the due date and tells the leaders when it is late.'),
    getValue: () => getBusinessObject(element).get('kks:deadlinePolicy') || '',
    setValue: value => update({ 'kks:deadlinePolicy': value || undefined }),
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
      options.push({ value: form.key, label: form.name && form.name !== form.key ? form.name + ' (' + form.key + ')' : form.key });
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
      // binding "deployment": Terapkan deploys the form beside the model, so each version uses the forms it was drawn
      // with. No camunda:formKey here: camunda-bpmn-js-behaviors removes it when formRef is set, and a formKey key in
      // the same update would make that behaviour clear the formRef instead.
      ? { 'camunda:formRef': value, 'camunda:formRefBinding': 'deployment' }
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
      { id: 'kks-candidateGroups', element, component: CandidateGroupsEntry, isEdited: () => groupsOf(element).length > 0 },
      { id: 'kks-formRef', element, component: FormEntry, isEdited: isSelectEntryEdited },
      { id: 'kks-dueDatePicker', element, component: DueDatePickerEntry, isEdited: () => !!attr(element, 'dueDate') },
      { id: 'kks-dueDate', element, component: DueDateExpressionEntry, isEdited: isTextFieldEntryEdited },
      { id: 'kks-deadlinePolicy', element, component: DeadlinePolicyEntry, isEdited: isSelectEntryEdited }
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
