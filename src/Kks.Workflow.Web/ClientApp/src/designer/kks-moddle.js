// The moddle descriptor of KKS's own attributes, so bpmn-js reads and writes them as properties (not only as
// unknown $attrs): kks:deadlinePolicy on user tasks, the name of a deadline ladder the engine arms from the task's
// due date. The namespace is the one the engine parses (BpmnParser.KksNamespace).
export default {
  name: 'KKS',
  uri: 'http://kks-workflow.id/schema/1.0/bpmn',
  prefix: 'kks',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'DeadlinePolicyHolder',
      isAbstract: true,
      extends: [ 'bpmn:UserTask' ],
      properties: [
        { name: 'deadlinePolicy', isAttr: true, type: 'String' }
      ]
    }
  ]
};
