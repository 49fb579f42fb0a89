import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { MessageAttachmentView, SessionMessageView, SessionView } from '../server/emulator/admin-types.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** What the console can send besides text (the admin API's `kind`), with its button label. */
const contentKinds: ReadonlyArray<[kind: string, label: string]> = [
  ['image', 'Image'],
  ['file', 'PDF file'],
  ['card', 'Card'],
  ['carousel', 'Carousel'],
  ['date-picker', 'Time slots'],
  ['list-picker', 'List picker'],
];

const sizeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** A file's size as people read it (1000-based, as the Guest API counts `maxFileSizeKB`). */
function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${sizeFormat.format(bytes / 1000)} KB`;
  return `${sizeFormat.format(bytes / 1_000_000)} MB`;
}

/** A file in the transcript: an image as a thumbnail, anything else as a chip; both open the download in a new tab. */
function renderAttachment(file: MessageAttachmentView): unknown {
  if (file.mediaType === 'Image') {
    return html`<a class="thumbnail" href=${file.url} target="_blank" rel="noopener noreferrer" title=${file.name}><img src=${file.url} alt=${file.name} loading="lazy" /></a>`;
  }
  return html`<a class="file-chip" href=${file.url} target="_blank" rel="noopener noreferrer">
    <span class="file-name">${file.name}</span>
    <span class="file-facts">${formatSize(file.size)} · ${file.mime}</span>
  </a>`;
}

/** The kinds of content a message holds that the transcript names rather than shows (answers and files are shown). */
function labelledContent(message: SessionMessageView): string[] {
  return (message.contentTypes ?? []).filter((type) => type !== 'ButtonResponse' && !(type === 'Attachment' && message.attachments?.length));
}

/** The agent's side of the emulator: every session, its transcript and attributes, and a reply box. */
export class AgentConsole extends LitElement {
  @state() private sessions: SessionView[] = [];
  @state() private selectedId: string | undefined;
  @state() private error: string | undefined;
  @state() private nickname = 'Sam';
  #events: EventSource | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#refresh();
    this.#events = new EventSource('/emulator/events');
    this.#events.addEventListener('change', () => void this.#refresh());
    this.#events.addEventListener('open', () => void this.#refresh());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#events?.close();
  }

  get #selected(): SessionView | undefined {
    return this.sessions.find((session) => session.id === this.selectedId) ?? this.sessions.at(-1);
  }

  async #refresh(): Promise<void> {
    try {
      const response = await fetch('/emulator/sessions');
      this.sessions = (await response.json()) as SessionView[];
      this.error = undefined;
    } catch (error) {
      this.error = `Cannot reach the emulator: ${String(error)}`;
    }
  }

  async #post(path: string, body: object): Promise<void> {
    const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) this.error = ((await response.json()) as { error?: string }).error ?? `HTTP ${response.status}`;
    await this.#refresh();
  }

  #reply(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('text') as HTMLTextAreaElement;
    const session = this.#selected;
    if (!session || input.value.trim() === '') return;
    void this.#post(`/emulator/sessions/${session.id}/messages`, { text: input.value, nickname: this.nickname });
    input.value = '';
    input.focus();
  }

  /** Sends the chosen file to the visitor (the admin API's file route), as the agent's message. */
  async #attach(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    const session = this.#selected;
    if (!file || !session) return;
    const query = new URLSearchParams({ name: file.name, type: file.type || 'application/octet-stream', nickname: this.nickname });
    try {
      const response = await fetch(`/emulator/sessions/${session.id}/file?${query.toString()}`, { method: 'POST', body: file });
      if (!response.ok) this.error = ((await response.json()) as { error?: string }).error ?? `HTTP ${response.status}`;
    } catch (error) {
      this.error = `Cannot send the file: ${String(error)}`;
    }
    input.value = '';
    await this.#refresh();
  }

  #onReplyKeydown(event: KeyboardEvent): void {
    const input = event.target as HTMLTextAreaElement;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      input.form?.requestSubmit();
    } else if (this.#selected && event.key.length === 1) {
      this.#typingSoon(this.#selected.id);
    }
  }

  #lastTyping = 0;
  #typingSoon(sessionId: string): void {
    if (Date.now() - this.#lastTyping < 4000) return;
    this.#lastTyping = Date.now();
    void fetch(`/emulator/sessions/${sessionId}/typing`, { method: 'POST', body: '{}' });
  }

  protected override render(): unknown {
    const selected = this.#selected;
    return html`
      <header>
        <h1>Agent console</h1>
        <label>Your name <input .value=${this.nickname} @input=${(e: Event) => (this.nickname = (e.target as HTMLInputElement).value)} /></label>
      </header>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <main>
        <nav aria-label="Sessions">
          <h2>Sessions (${this.sessions.length})</h2>
          ${this.sessions.length === 0 ? html`<p class="hint">No visitors yet. Open the demo shop and start a chat.</p>` : nothing}
          <ul>
            ${repeat([...this.sessions].reverse(), (session) => session.id, (session) => html`
              <li>
                <button type="button" aria-current=${session.id === selected?.id ? 'true' : 'false'} @click=${() => (this.selectedId = session.id)}>
                  <span class="dot ${session.connections > 0 ? 'online' : ''}"></span>
                  <span class="label">${session.authenticated ? html`${session.authenticated.name ?? session.authenticated.sub} <span class="verified" title="Signed in: verified by the identity provider">✓</span>` : `Visitor ${session.id.slice(0, 8)}`}</span>
                  <span class="last">${session.messages.at(-1)?.text ?? 'no messages yet'}</span>
                </button>
              </li>`)}
          </ul>
        </nav>
        ${selected ? this.#renderSession(selected) : html`<section class="placeholder">Select a session</section>`}
      </main>`;
  }

  #renderSession(session: SessionView): unknown {
    return html`
      <section class="session" aria-label="Selected session">
        <div class="facts">
          <span>Session <code>${session.id}</code></span>
          <span>State: <strong>${session.state}</strong></span>
          <span>Connections: ${session.connections} (most at once: ${session.maxConcurrentConnections})</span>
          ${session.visitorTyping ? html`<span class="typing">Visitor is typing…</span>` : nothing}
        </div>
        <ol class="transcript" aria-label="Transcript">
          ${repeat(session.messages, (message) => message.id, (message) => html`
            <li class=${message.direction === 'Inbound' ? 'visitor' : 'agent'}>
              <span class="who">${message.direction === 'Inbound' ? 'Visitor' : (message.nickname ?? 'Agent')}</span>
              ${message.text ? html`<p>${message.text}</p>` : nothing}
              ${labelledContent(message).length ? html`<p class="content">${labelledContent(message).join(', ')}</p>` : nothing}
              ${message.answer ? html`<p class="content">Answered ${message.answer.type}: <code>${message.answer.payload}</code></p>` : nothing}
              ${message.attachments?.length ? html`<div class="files">${message.attachments.map(renderAttachment)}</div>` : nothing}
              <time datetime=${message.time}>${timeFormat.format(new Date(message.time))}</time>
            </li>`)}
        </ol>
        <form @submit=${this.#reply}>
          <textarea name="text" rows="2" aria-label="Reply" placeholder="Reply as ${this.nickname}… (Enter sends)" @keydown=${this.#onReplyKeydown}></textarea>
          <button type="submit">Send</button>
          <label class="attach">
            <input type="file" class="visually-hidden" aria-describedby="attach-hint" @change=${this.#attach} />
            Attach file
          </label>
          <span id="attach-hint" class="visually-hidden">Sends the chosen file to the visitor at once</span>
        </form>
        <div class="actions" role="group" aria-label="Send content">
          ${contentKinds.map(
            ([kind, label]) =>
              html`<button type="button" class="quiet" @click=${() => this.#post(`/emulator/sessions/${session.id}/messages`, { kind, nickname: this.nickname })}>${label}</button>`,
          )}
          <button type="button" class="quiet" @click=${() =>
            this.#post(`/emulator/sessions/${session.id}/messages`, { text: 'Did that answer your question?', nickname: this.nickname, quickReplies: [{ text: 'Yes', payload: 'YES' }, { text: 'No', payload: 'NO' }] })}>Quick replies</button>
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.#post(`/emulator/sessions/${session.id}/typing`, {})}>Show typing</button>
          <button type="button" @click=${() => this.#post(`/emulator/sessions/${session.id}/disconnect`, { readOnly: false })}>End interaction</button>
          <button type="button" @click=${() => this.#post(`/emulator/sessions/${session.id}/disconnect`, { readOnly: true })}>End (read-only)</button>
        </div>
        <h3>Identity</h3>
        ${session.authenticated
          ? html`<p class="hint">Signed in: verified by the identity provider (<code>${session.authenticated.issuer}</code>).</p>
              <dl class="verified-claims">${identityClaims(session.authenticated).map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>`
          : html`<p class="hint">A guest: not signed in. Nothing below says who they are.</p>`}
        <h3>Set by the site</h3>
        ${renderAttributes(session.participantAttributes, 'None: the site’s backend has not vouched for this visitor.')}
        <h3>Custom attributes <span class="hint">(the visitor’s own claims, unchecked)</span></h3>
        ${renderAttributes(session.customAttributes, 'None sent yet.')}
        <h3>Files on the server</h3>
        ${session.files.length === 0
          ? html`<p class="hint">None yet.</p>`
          : html`<ul class="file-list">
              ${session.files.map(
                (file) => html`<li>
                  <span class="file-name">${file.name}</span>
                  <span class="file-facts">${formatSize(file.size)} · ${file.mime} · from the ${file.from} · ${file.state}${file.uploads > 1 ? ` · ${file.uploads} uploads` : ''}</span>
                </li>`,
              )}
            </ul>`}
      </section>`;
  }

  static override styles = css`
    :host { display: flex; flex-direction: column; height: 100vh; font: 15px/1.4 system-ui, sans-serif; color: #1d2330; }
    header { display: flex; justify-content: space-between; align-items: center; padding: 10px 20px; background: #1d2330; color: white; }
    h1 { font-size: 18px; margin: 0; }
    header input { margin-inline-start: 6px; padding: 4px 8px; border-radius: 6px; border: none; }
    .error { margin: 0; padding: 8px 20px; background: #fde8e8; color: #8a1c1c; }
    main { flex: 1; display: grid; grid-template-columns: 300px 1fr; min-height: 0; }
    nav { border-inline-end: 1px solid #e3e7ee; overflow-y: auto; background: #f7f8fa; }
    nav h2 { font-size: 14px; margin: 14px 16px 8px; color: #5b6475; text-transform: uppercase; letter-spacing: 0.04em; }
    nav ul { list-style: none; margin: 0; padding: 0; }
    nav button { display: grid; grid-template-columns: 12px 1fr; gap: 2px 8px; width: 100%; padding: 10px 16px; border: none; background: none; text-align: start; font: inherit; cursor: pointer; }
    nav button[aria-current='true'] { background: #e3ecfa; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #c9ced8; align-self: center; }
    .dot.online { background: #22a75a; }
    .label { font-weight: 600; }
    .last { grid-column: 2; color: #5b6475; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .hint { color: #5b6475; margin: 8px 16px; }
    h3 .hint { font-weight: normal; font-size: 13px; margin: 0; }
    .verified { color: #22a75a; }
    .verified-claims dd { font-weight: 600; }
    .session { display: flex; flex-direction: column; min-height: 0; padding: 0 20px 16px; overflow-y: auto; }
    .facts { display: flex; flex-wrap: wrap; gap: 16px; padding: 12px 0; color: #5b6475; font-size: 13px; }
    .transcript { list-style: none; margin: 0; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f7f8fa; border-radius: 10px; min-height: 200px; flex: 1; overflow-y: auto; }
    .transcript li { max-width: 70%; display: flex; flex-direction: column; }
    .transcript li.visitor { align-self: flex-start; }
    .transcript li.agent { align-self: flex-end; align-items: flex-end; }
    .transcript p { margin: 0; padding: 8px 12px; border-radius: 14px; background: white; white-space: pre-wrap; overflow-wrap: anywhere; }
    .transcript li.agent p { background: #1f5fbf; color: white; }
    .who, time { font-size: 12px; color: #5b6475; }
    form { display: flex; gap: 8px; margin-top: 12px; }
    textarea { flex: 1; padding: 8px 10px; font: inherit; border: 1px solid #cfd5df; border-radius: 8px; resize: vertical; }
    button { font: inherit; cursor: pointer; }
    .content { font-size: 12px; color: #5b6475; }
    .typing { color: #1f6f5c; font-style: italic; }
    .actions button.quiet { background: white; color: #1f5fbf; }
    form button, .actions button { padding: 8px 14px; border-radius: 8px; border: 1px solid #1f5fbf; background: #1f5fbf; color: white; }
    .actions { display: flex; gap: 8px; margin-top: 8px; }
    .actions button { background: white; color: #1f5fbf; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
    dt { font-family: ui-monospace, monospace; color: #5b6475; }
    dd { margin: 0; }
    h3 { font-size: 14px; margin: 16px 0 6px; }
    .files { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
    .transcript li.agent .files { justify-content: flex-end; }
    .thumbnail { display: block; border-radius: 10px; overflow: hidden; border: 1px solid #cfd5df; background: white; }
    .thumbnail img { display: block; max-width: 200px; max-height: 140px; object-fit: cover; }
    .file-chip { display: flex; flex-direction: column; padding: 6px 12px; border-radius: 10px; border: 1px solid #cfd5df; background: white; color: #1d2330; text-decoration: none; max-width: 260px; }
    .file-chip:hover, .thumbnail:hover { border-color: #1f5fbf; }
    .file-name { font-weight: 600; overflow-wrap: anywhere; }
    .file-facts { font-size: 12px; color: #5b6475; }
    .attach { padding: 8px 14px; border-radius: 8px; border: 1px solid #1f5fbf; background: white; color: #1f5fbf; cursor: pointer; align-self: center; }
    .attach:focus-within { outline: 2px solid #1f5fbf; outline-offset: 2px; }
    .file-list { margin: 0; padding-inline-start: 18px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  `;
}

if (!customElements.get('agent-console')) customElements.define('agent-console', AgentConsole);

/** A session's attributes as a list, or `empty` said plainly. */
function renderAttributes(attributes: Record<string, string>, empty: string): unknown {
  const entries = Object.entries(attributes);
  return entries.length === 0 ? html`<p class="hint">${empty}</p>` : html`<dl>${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The identity provider's claims the agent sees: subject, name and email. */
function identityClaims(identity: NonNullable<SessionView['authenticated']>): Array<[string, string]> {
  return [['sub', identity.sub], ...(identity.name ? [['name', identity.name] as [string, string]] : []), ...(identity.email ? [['email', identity.email] as [string, string]] : [])];
}
