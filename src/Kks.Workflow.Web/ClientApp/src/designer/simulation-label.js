// bpmn-js-token-simulation writes its canvas toggle as fixed English HTML ("Token Simulation", no translate key),
// so this module rewrites that label through the translate service after the library draws or redraws it, and
// makes the toggle a keyboard-reachable switch (role, tabindex, aria-checked, Enter/Space). The simulation
// palette's fixed English button titles (reset, play/pause, log) are passed through translate the same way.
// Not covered: the titles the library writes while a simulation runs (context pads, notifications, log lines).
const TOGGLE_EVENT = 'tokenSimulation.toggleMode';

function SimulationLabel(eventBus, canvas, translate) {
  const relabel = active => {
    const toggle = canvas.getContainer().querySelector('.bts-toggle-mode');
    if (!toggle) {
      return;
    }
    const text = [ ...toggle.childNodes ].find(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (text) {
      text.textContent = translate('Token simulation') + ' ';
    }
    toggle.setAttribute('role', 'switch');
    toggle.setAttribute('tabindex', '0');
    toggle.setAttribute('aria-checked', String(!!active));
    toggle.setAttribute('aria-label', translate('Token simulation'));
  };
  // after the library's own diagram.init listener (default priority 1000) has drawn the toggle
  eventBus.on('diagram.init', 500, () => {
    relabel(false);
    // the simulation palette's entries exist by now (the library adds them when its services are built)
    for (const button of canvas.getContainer().querySelectorAll('.bts-palette [title]')) {
      const title = translate(button.getAttribute('title'));
      button.setAttribute('title', title);
      button.setAttribute('aria-label', title);
    }
    const toggle = canvas.getContainer().querySelector('.bts-toggle-mode');
    if (toggle) {
      toggle.addEventListener('keydown', event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          toggle.click();
        }
      });
    }
  });
  eventBus.on(TOGGLE_EVENT, 500, event => relabel(event.active));
}

SimulationLabel.$inject = [ 'eventBus', 'canvas', 'translate' ];

export default {
  __init__: [ 'kksSimulationLabel' ],
  kksSimulationLabel: [ 'type', SimulationLabel ]
};
