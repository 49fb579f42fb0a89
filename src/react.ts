// `persistent-chat/react`: the element for React 18 and earlier (see the wrapper's own notes).
export { PersistentChat } from './components/react/persistent-chat-react.js';
