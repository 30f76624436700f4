// bpmn-js's translate service in the user's language: {translate: ['value', fn]} replaces the default one.
import id from './translate-id.js';

const dictionaries = { id };

export function translateModule(language) {
  const dictionary = dictionaries[language] || {};
  function translate(template, replacements) {
    replacements = replacements || {};
    const text = dictionary[template] || template;
    return text.replace(/{([^}]+)}/g, (_, key) => (key in replacements ? replacements[key] : '{' + key + '}'));
  }
  return { translate: [ 'value', translate ] };
}
