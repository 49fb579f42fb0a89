// The open panel, in a chunk of its own: a page pays for it only once the visitor opens the
// chat, shows they are about to, or has a conversation to come back to.
export { type PanelActions, type PanelState } from './panel-view.js';
export { panelStyles } from './panel.styles.js';
export { OpenPanel } from './open-panel.js';
// The check of the page's own texts is here too: it needs the panel's English to know every text.
export { withCustomStrings } from '../custom-strings.js';
