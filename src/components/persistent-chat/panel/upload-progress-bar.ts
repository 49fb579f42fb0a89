import { html, nothing, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { uploadProgress } from '../../../uploads/upload-progress.js';

/**
 * A file's upload progress bar, moved by the upload itself (in this tab or, over the
 * registry's channel, in the tab that holds the connection) without rendering the panel
 * again. Indeterminate until the first bytes are counted.
 */
class UploadProgressBar extends AsyncDirective {
  #id = '';
  #label = '';
  #unlisten: (() => void) | undefined;

  render(id: string, label: string): TemplateResult {
    this.#id = id;
    this.#label = label;
    if (this.isConnected) this.#listen();
    return this.#bar();
  }

  protected override disconnected(): void {
    this.#unlisten?.();
    this.#unlisten = undefined;
  }

  protected override reconnected(): void {
    this.#listen();
  }

  #listen(): void {
    this.#unlisten ??= uploadProgress.listen((id) => {
      if (id === this.#id) this.setValue(this.#bar());
    });
  }

  #bar(): TemplateResult {
    const fraction = uploadProgress.get(this.#id);
    return html`<progress part="upload-progress" max="100" value=${fraction === undefined ? nothing : Math.round(fraction * 100)} aria-label=${this.#label}></progress>`;
  }
}

export const uploadProgressBar = directive(UploadProgressBar);
