import { css } from 'lit';

export const persistentChatStyles = css`
  :host {
    --chat-accent: #1f5fbf;
    --chat-accent-contrast: #ffffff;
    --chat-surface: #ffffff;
    --chat-text: #1d2330;
    --chat-muted: #5b6475;
    --chat-agent-bubble: #eef1f6;
    --chat-radius: 16px;
    --chat-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --chat-launcher-size: 56px;
    --chat-offset: 20px;
    --chat-panel-width: 370px;
    --chat-panel-height: 560px;
    --chat-z-index: 2147483000;

    position: fixed;
    inset-block-end: var(--chat-offset);
    inset-inline-end: var(--chat-offset);
    z-index: var(--chat-z-index);
    font-family: var(--chat-font);
    font-size: 15px;
    line-height: 1.4;
    color: var(--chat-text);
  }

  *, *::before, *::after { box-sizing: border-box; }

  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  button { font: inherit; cursor: pointer; }
  button:focus-visible, textarea:focus-visible { outline: 3px solid color-mix(in srgb, var(--chat-accent) 55%, white); outline-offset: 2px; }

  .launcher {
    display: grid; place-items: center;
    width: var(--chat-launcher-size); height: var(--chat-launcher-size);
    margin-inline-start: auto;
    border: none; border-radius: 50%;
    background: var(--chat-accent); color: var(--chat-accent-contrast);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    transition: transform 120ms ease;
  }
  .launcher { position: relative; }
  .launcher:hover { transform: scale(1.05); }
  .badge {
    position: absolute; inset-block-start: -4px; inset-inline-end: -4px;
    min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
    background: #d92d20; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center;
    box-shadow: 0 0 0 2px var(--chat-surface);
  }
  .launcher svg { width: 28px; height: 28px; }

  .panel {
    position: absolute;
    inset-block-end: calc(var(--chat-launcher-size) + 14px);
    inset-inline-end: 0;
    display: flex; flex-direction: column;
    width: var(--chat-panel-width);
    height: min(var(--chat-panel-height), calc(100vh - var(--chat-launcher-size) - 3 * var(--chat-offset)));
    overflow: hidden;
    border-radius: var(--chat-radius);
    background: var(--chat-surface);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }

  header {
    display: flex; align-items: center; gap: 12px;
    padding: 14px 16px;
    background: var(--chat-accent); color: var(--chat-accent-contrast);
  }
  header .titles { flex: 1; min-width: 0; }
  header h2 { margin: 0; font-size: 16px; font-weight: 600; }
  .status { display: flex; align-items: center; gap: 6px; margin: 2px 0 0; font-size: 13px; opacity: 0.92; }
  .status::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #c9ced8; flex: none; }
  .status[data-state='connected']::before { background: #3ddc84; }
  .status[data-state='connecting']::before, .status[data-state='reconnecting']::before { background: #ffc857; }
  .status[data-state='offline']::before, .status[data-state='unavailable']::before { background: #ff6b6b; }
  .icon-button {
    display: grid; place-items: center; width: 32px; height: 32px;
    border: none; border-radius: 8px; background: transparent; color: inherit;
  }
  .icon-button:hover { background: rgb(255 255 255 / 0.16); }

  .transcript {
    flex: 1; overflow-y: auto; margin: 0; padding: 16px;
    list-style: none; display: flex; flex-direction: column; gap: 10px;
  }
  .empty { margin: auto 12px; text-align: center; color: var(--chat-muted); }
  .message { display: flex; flex-direction: column; max-width: 82%; }
  .message.mine { align-self: flex-end; align-items: flex-end; }
  .message.theirs { align-self: flex-start; align-items: flex-start; }
  .sender { font-size: 12px; color: var(--chat-muted); margin: 0 0 2px 4px; }
  .bubble {
    margin: 0; padding: 9px 13px; border-radius: 18px;
    white-space: pre-wrap; overflow-wrap: anywhere;
  }
  .mine .bubble { background: var(--chat-accent); color: var(--chat-accent-contrast); border-end-end-radius: 6px; }
  .theirs .bubble { background: var(--chat-agent-bubble); border-end-start-radius: 6px; }
  .message[data-delivery='sending'] .bubble { opacity: 0.7; }
  .meta { font-size: 11.5px; color: var(--chat-muted); margin: 3px 6px 0; display: flex; gap: 8px; align-items: center; }
  .failed { color: #b42318; font-weight: 600; }
  .retry { border: none; background: none; padding: 0; color: var(--chat-accent); text-decoration: underline; font-size: inherit; }
  .notice { align-self: center; max-width: 90%; text-align: center; font-size: 13px; color: var(--chat-muted); }

  .confirm {
    padding: 12px 16px; background: #fff6e5; border-bottom: 1px solid #f0d9a8; font-size: 14px;
  }
  .confirm p { margin: 0 0 8px; }
  .confirm-actions { display: flex; gap: 8px; }
  .confirm button { height: 34px; padding: 0 14px; border-radius: 10px; font-weight: 600; }
  .danger { border: none; background: #b42318; color: #fff; }
  .quiet { border: 1px solid #cfd5df; background: var(--chat-surface); color: var(--chat-text); }
  .ended {
    display: flex; align-items: center; justify-content: space-between; gap: 12px;
    padding: 12px 16px; border-top: 1px solid #e3e7ee; color: var(--chat-muted); font-size: 14px;
  }
  .ended p { margin: 0; }
  .typing { min-height: 22px; padding: 0 18px 4px; font-size: 13px; color: var(--chat-muted); }

  form { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px 12px; border-top: 1px solid #e3e7ee; }
  textarea {
    flex: 1; resize: none; max-height: 120px; min-height: 40px;
    padding: 9px 12px; border: 1px solid #cfd5df; border-radius: 12px;
    font: inherit; color: inherit; background: var(--chat-surface);
  }
  .send {
    height: 40px; padding: 0 16px; border: none; border-radius: 12px;
    background: var(--chat-accent); color: var(--chat-accent-contrast); font-weight: 600;
  }
  .send:disabled, textarea:disabled { opacity: 0.5; cursor: not-allowed; }

  @media (max-width: 480px) {
    .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
    /* The full-screen panel has its own minimise button; the launcher would cover the composer. */
    :host([open]) .launcher { display: none; }
  }
`;
