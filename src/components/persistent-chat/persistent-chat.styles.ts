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
  /* Until the panel's code has arrived, or when it could not. */
  .panel.pending { align-items: center; justify-content: center; gap: 12px; padding: 24px; text-align: center; color: var(--chat-muted); }
  .panel.pending p { margin: 0; }
  .panel.pending button { border: 1px solid var(--chat-border); border-radius: 10px; padding: 6px 14px; background: var(--chat-surface); color: var(--chat-text); }

  @media (max-width: 480px) {
    .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; }
    /* The full-screen panel has its own minimise button; the launcher would cover the composer. */
    :host([open]) .launcher { display: none; }
  }

  @media (prefers-reduced-motion: reduce) {
    .launcher { transition: none; }
  }
`;
