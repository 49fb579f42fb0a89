// Framework-agnostic embedding: create and configure the element first, load the widget
// after. Properties set before the element is defined are picked up when it upgrades.
const chat = document.createElement('persistent-chat');
chat.setAttribute('deployment-id', 'fernhill-demo');
chat.setAttribute('endpoint', document.body.dataset.emulatorEndpoint);
chat.guestAttributes = {
  'custom.userId': 'user-12345',
  'custom.membershipLevel': 'Gold',
  'custom.isAuthenticated': true,
};
chat.addEventListener('chat-ready', () => console.info('persistent-chat is ready'));
document.body.append(chat);

await import('/dist/persistent-chat.js');
