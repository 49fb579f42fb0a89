import { css } from 'lit';

/** The open panel's look, loaded with it; the element's own styles keep the launcher and the panel's frame. */
export const panelStyles = css`
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
  .unsupported { font-style: italic; color: var(--chat-muted); }
  .markdown { white-space: normal; }
  .markdown p, .markdown ul, .markdown ol, .markdown pre { margin: 0 0 6px; }
  .markdown > :last-child { margin-bottom: 0; }
  .markdown ul, .markdown ol { padding-inline-start: 20px; }
  .markdown code { font-family: ui-monospace, monospace; font-size: 0.92em; background: rgb(0 0 0 / 0.06); padding: 0 3px; border-radius: 4px; }
  .markdown pre { white-space: pre-wrap; background: rgb(0 0 0 / 0.06); padding: 6px 8px; border-radius: 8px; }
  .markdown pre code { background: none; padding: 0; }
  .link-host { color: var(--chat-muted); font-size: 0.9em; }

  .attachments { display: flex; flex-direction: column; gap: 6px; margin-top: 4px; max-width: 82%; }
  .mine .attachments { align-items: flex-end; }
  .attachments .image img { display: block; max-width: min(220px, 100%); max-height: 220px; border-radius: 12px; border: 1px solid var(--chat-border); object-fit: cover; }
  .file {
    display: flex; flex-direction: column; gap: 2px; padding: 8px 12px; border-radius: 12px; text-decoration: none;
    border: 1px solid var(--chat-border); background: var(--chat-surface); color: var(--chat-link);
  }
  .file-name { font-weight: 600; overflow-wrap: anywhere; }
  .file-details { font-size: 12px; color: var(--chat-muted); }

  .cards { display: flex; gap: 8px; margin-top: 6px; max-width: 90%; }
  .carousel { max-width: 100%; overflow-x: auto; scroll-snap-type: x mandatory; padding-bottom: 4px; }
  .card {
    flex: 0 0 210px; scroll-snap-align: start; display: flex; flex-direction: column; overflow: hidden;
    border: 1px solid var(--chat-border); border-radius: 14px; background: var(--chat-surface);
  }
  .card img { width: 100%; height: 110px; object-fit: cover; }
  .card h3 { margin: 8px 10px 2px; font-size: 15px; }
  .card h3 a { color: inherit; }
  .card p { margin: 0 10px 6px; font-size: 13px; color: var(--chat-muted); }
  .card-actions { display: flex; flex-direction: column; gap: 4px; margin-top: auto; padding: 6px 10px 10px; }
  .card-actions button, .card-actions a, .slots button, .picker > button {
    padding: 6px 10px; border-radius: 10px; font-size: 14px; text-align: center; text-decoration: none;
    border: 1px solid var(--chat-accent); background: var(--chat-surface); color: var(--chat-link);
  }
  .card-actions button:disabled, .slots button:disabled, .picker > button:disabled { opacity: 0.55; cursor: default; }

  .picker { margin-top: 6px; padding: 10px; max-width: 90%; border: 1px solid var(--chat-border); border-radius: 14px; background: var(--chat-surface); }
  .picker-title { margin: 0; font-weight: 600; }
  .picker-subtitle { margin: 2px 0 0; font-size: 13px; color: var(--chat-muted); }
  .slots { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
  .picker fieldset { border: none; margin: 8px 0 0; padding: 0; }
  .picker legend { font-size: 13px; font-weight: 600; padding: 0; }
  .picker label { display: flex; gap: 8px; align-items: flex-start; padding: 4px 0; }
  .picker label small { display: block; color: var(--chat-muted); }
  .picker > button { margin-top: 8px; }

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

  .expiry { margin: 0; padding: 8px 16px; font-size: 13px; background: var(--chat-notice-surface); border-top: 1px solid var(--chat-border); }
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
  .ended-actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
  .ended-actions .quiet { height: 40px; padding: 0 12px; border-radius: 12px; }

  form { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; padding: 10px 12px 12px; border-top: 1px solid var(--chat-border); }
  .attach { height: 40px; color: var(--chat-muted); }
  .attach:hover { background: var(--chat-agent-bubble); color: var(--chat-text); }
  .staged { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
  .staged-file {
    display: flex; align-items: center; gap: 8px; max-width: 100%; padding: 4px 4px 4px 8px;
    border: 1px solid var(--chat-border); border-radius: 10px; background: var(--chat-surface); font-size: 13px;
  }
  .staged-file[data-state='refused'] { border-color: #c4281c; }
  .staged-text { display: flex; flex-direction: column; min-width: 0; }
  .staged-text .file-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 180px; }
  .refusal { color: #c4281c; font-size: 12px; }
  .staged-text progress { width: 100%; height: 4px; margin-top: 2px; accent-color: var(--chat-accent); }
  .thumbnail { width: 36px; height: 36px; border-radius: 6px; object-fit: cover; flex: none; }
  .remove { width: 28px; height: 28px; flex: none; border: none; border-radius: 8px; background: transparent; color: var(--chat-muted); font-size: 18px; line-height: 1; }
  .remove:hover { background: var(--chat-agent-bubble); color: var(--chat-text); }
  .file.upload { color: var(--chat-text); min-width: 160px; }
  .file.upload .thumbnail { width: 100%; height: auto; max-height: 160px; margin-bottom: 4px; }
  .file.upload progress { width: 100%; height: 6px; accent-color: var(--chat-accent); }
  .file-failed { color: #c4281c; font-size: 12px; font-weight: 600; }
  .failed-because { color: #c4281c; margin-inline-end: 6px; }
  .cancel-upload {
    align-self: flex-start; margin-top: 4px; padding: 2px 10px; border-radius: 8px; font: inherit; font-size: 12px;
    border: 1px solid var(--chat-border); background: var(--chat-surface); color: var(--chat-text);
  }
  .cancel-upload:hover { background: var(--chat-agent-bubble); }
  .drop-target {
    position: absolute; inset: 0; z-index: 2; display: grid; place-items: center; margin: 0;
    background: rgb(31 95 191 / 0.12); border: 3px dashed var(--chat-accent); border-radius: inherit;
    color: var(--chat-text); font-weight: 600; pointer-events: none;
  }
  .drop-target p { margin: 0; padding: 10px 16px; border-radius: 12px; background: var(--chat-surface); }
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
`;
