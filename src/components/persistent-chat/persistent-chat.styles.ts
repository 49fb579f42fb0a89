import { css } from 'lit';

const darkPalette = css`
  --chat-surface: #171a22;
  --chat-text: #e8ebf2;
  --chat-muted: #a7afbf;
  --chat-agent-bubble: #262b38;
  --chat-border: #323848;
  --chat-field: #1e2230;
  --chat-notice-surface: #2a2418;
  --chat-accent: #5b8fe6;
  --chat-link: #9cc0ff;
`;

export const persistentChatStyles = css`
  :host {
    --chat-accent: #1f5fbf;
    --chat-accent-contrast: #ffffff;
    --chat-surface: #ffffff;
    --chat-text: #1d2330;
    --chat-muted: #5b6475;
    --chat-agent-bubble: #eef1f6;
    --chat-border: #e3e7ee;
    --chat-field: #ffffff;
    --chat-notice-surface: #fff6e5;
    --chat-link: #1a55ad;
    --chat-radius: 16px;
    --chat-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --chat-launcher-size: 56px;
    --chat-offset: 20px;
    --chat-offset-block: var(--chat-offset);
    --chat-offset-inline: var(--chat-offset);
    --chat-panel-width: 370px;
    --chat-panel-height: 560px;
    --chat-z-index: 2147483000;

    position: fixed;
    inset-block-end: var(--chat-offset-block);
    inset-inline-end: var(--chat-offset-inline);
    z-index: var(--chat-z-index);
    font-family: var(--chat-font);
    font-size: 15px;
    line-height: 1.4;
    color: var(--chat-text);
    text-align: start;
    color-scheme: light;
  }

  :host([theme='dark']) {
    ${darkPalette}
    color-scheme: dark;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
      color-scheme: dark;
    }
  }

  *, *::before, *::after { box-sizing: border-box; }

  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  button { font: inherit; cursor: pointer; }
  button:focus-visible, textarea:focus-visible, a:focus-visible, .transcript:focus-visible {
    outline: 3px solid color-mix(in srgb, var(--chat-accent) 60%, white); outline-offset: 2px;
  }

  .launcher {
    position: relative;
    display: grid; place-items: center;
    width: var(--chat-launcher-size); height: var(--chat-launcher-size);
    margin-inline-start: auto;
    border: none; border-radius: 50%;
    background: var(--chat-accent); color: var(--chat-accent-contrast);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    transition: transform 120ms ease;
  }
  .launcher:hover { transform: scale(1.05); }
  .launcher svg { width: 28px; height: 28px; }
  .badge {
    position: absolute; inset-block-start: -4px; inset-inline-end: -4px;
    min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
    background: #c4281c; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center;
    box-shadow: 0 0 0 2px var(--chat-surface);
  }

  .teaser {
    position: absolute; inset-block-end: calc(var(--chat-launcher-size) + 12px); inset-inline-end: 0;
    display: flex; align-items: flex-start; gap: 4px; width: max-content; max-width: 280px;
    padding: 4px; border-radius: 14px; background: var(--chat-surface); color: var(--chat-text);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.2);
  }
  .teaser[hidden] { display: none; }
  .teaser-open { flex: 1; padding: 8px 10px; border: none; background: none; color: inherit; text-align: start; font-size: 14px; border-radius: 10px; }
  .teaser-open:hover { background: var(--chat-agent-bubble); }
  .teaser-dismiss { width: 28px; height: 28px; border: none; border-radius: 50%; background: none; color: var(--chat-muted); font-size: 18px; line-height: 1; }
  .teaser-dismiss:hover { background: var(--chat-agent-bubble); }

  .panel {
    position: absolute;
    inset-block-end: calc(var(--chat-launcher-size) + 14px);
    inset-inline-end: 0;
    display: flex; flex-direction: column;
    width: var(--chat-panel-width);
    height: min(var(--chat-panel-height), calc(100vh - var(--chat-launcher-size) - 3 * var(--chat-offset-block)));
    overflow: hidden;
    border-radius: var(--chat-radius);
    background: var(--chat-surface);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }

  header {
    display: flex; align-items: center; gap: 10px;
    padding: 14px 16px;
    background: var(--chat-accent); color: var(--chat-accent-contrast);
  }
  header slot[name='header'] { display: flex; align-items: center; gap: 10px; flex: 1; min-width: 0; }
  .avatar { width: 36px; height: 36px; border-radius: 50%; object-fit: cover; flex: none; background: rgb(255 255 255 / 0.2); }
  .titles { flex: 1; min-width: 0; }
  header h2 { margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .status { display: flex; align-items: center; gap: 6px; margin: 2px 0 0; font-size: 13px; }
  .status::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #c9ced8; flex: none; }
  .status[data-state='connected']::before { background: #3ddc84; }
  .status[data-state='connecting']::before, .status[data-state='reconnecting']::before { background: #ffc857; }
  .status[data-state='offline']::before, .status[data-state='unavailable']::before { background: #ff8a80; }
  .icon-button {
    display: grid; place-items: center; width: 32px; height: 32px; flex: none;
    border: none; border-radius: 8px; background: transparent; color: inherit;
  }
  .icon-button:hover { background: rgb(255 255 255 / 0.16); }

  .banner { padding: 6px 16px; font-size: 13px; text-align: center; background: var(--chat-notice-surface); color: var(--chat-text); border-bottom: 1px solid var(--chat-border); }
  .banner[data-state='elsewhere'] { background: var(--chat-agent-bubble); }
  .third-party { padding: 8px 16px; font-size: 13px; background: var(--chat-notice-surface); color: var(--chat-text); border-bottom: 1px solid var(--chat-border); }
  .third-party p { margin: 0; }
  .third-party p + p { margin-top: 4px; font-weight: 600; }
  .third-party .access iframe { display: block; width: 100%; height: 40px; margin-top: 6px; border: 0; color-scheme: normal; }

  .transcript { flex: 1; overflow-y: auto; padding: 12px 16px; overscroll-behavior: contain; }
  .rows { margin: 0; padding: 0; list-style: none; }
  .rows > li { width: 100%; padding-block: 5px; }
  .earlier { display: flex; justify-content: center; }
  .earlier button { border: none; background: none; color: var(--chat-link); font-size: 13px; text-decoration: underline; padding: 4px 8px; }
  .empty { display: grid; place-items: center; text-align: center; color: var(--chat-muted); padding: 24px; }
  .day { display: flex; align-items: center; gap: 10px; color: var(--chat-muted); font-size: 12px; }
  .day::before, .day::after { content: ''; flex: 1; border-top: 1px solid var(--chat-border); }
  .message { display: flex; flex-direction: column; }
  .message.mine { align-items: flex-end; }
  .message.theirs { align-items: flex-start; }
  .sender { font-size: 12px; color: var(--chat-muted); margin: 0 4px 2px; }
  .bubble {
    max-width: 82%; margin: 0; padding: 9px 13px; border-radius: 18px;
    white-space: pre-wrap; overflow-wrap: anywhere;
  }
  .mine .bubble { background: var(--chat-accent); color: var(--chat-accent-contrast); border-end-end-radius: 6px; }
  .theirs .bubble { background: var(--chat-agent-bubble); border-end-start-radius: 6px; }
  .theirs .bubble a { color: var(--chat-link); }
  .message[data-delivery='sending'] .bubble { opacity: 0.7; }
  .meta { font-size: 11.5px; color: var(--chat-muted); margin: 3px 6px 0; display: flex; gap: 8px; align-items: center; }
  .failed { color: #c4281c; font-weight: 600; }
  .retry { border: none; background: none; padding: 0; color: var(--chat-link); text-decoration: underline; font-size: inherit; }
  .notice { text-align: center; font-size: 13px; color: var(--chat-muted); padding-inline: 8%; }
  .quick-replies { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; max-width: 90%; }
  .quick-replies button {
    padding: 6px 12px; border-radius: 999px; font-size: 14px;
    border: 1px solid var(--chat-accent); background: var(--chat-surface); color: var(--chat-link);
  }
  .quick-replies button:hover:not(:disabled) { background: var(--chat-agent-bubble); }
  .quick-replies button:disabled { opacity: 0.55; cursor: default; }

  .new-below {
    align-self: center; margin-top: -40px; margin-bottom: 8px; z-index: 1;
    padding: 6px 14px; border: none; border-radius: 999px;
    background: var(--chat-accent); color: var(--chat-accent-contrast); font-size: 13px; font-weight: 600;
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
  }

  .typing { min-height: 22px; padding: 0 18px 4px; font-size: 13px; color: var(--chat-muted); }

  .confirm { padding: 12px 16px; background: var(--chat-notice-surface); border-bottom: 1px solid var(--chat-border); font-size: 14px; }
  .confirm p { margin: 0 0 8px; }
  .confirm-actions { display: flex; gap: 8px; }
  .confirm button { height: 34px; padding: 0 14px; border-radius: 10px; font-weight: 600; }
  .danger { border: none; background: #c4281c; color: #fff; }
  .quiet { border: 1px solid var(--chat-border); background: var(--chat-surface); color: var(--chat-text); }
  .ended {
    display: flex; align-items: center; justify-content: space-between; gap: 12px;
    padding: 12px 16px; border-top: 1px solid var(--chat-border); color: var(--chat-muted); font-size: 14px;
  }
  .ended p { margin: 0; }

  form { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px 12px; border-top: 1px solid var(--chat-border); }
  textarea {
    flex: 1; resize: none; max-height: 120px; min-height: 40px;
    padding: 9px 12px; border: 1px solid var(--chat-border); border-radius: 12px;
    font: inherit; color: inherit; background: var(--chat-field);
  }
  textarea::placeholder { color: var(--chat-muted); }
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

  @media (prefers-reduced-motion: reduce) {
    .launcher { transition: none; }
  }
`;
