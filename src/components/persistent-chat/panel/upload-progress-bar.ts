import { html, nothing, type TemplateResult } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { LazyChunk } from '../../../base/lazy-chunk.js';

/** The registry of uploads' progress: fetched when the first bar shows (the panel is one file to fetch). */
const progressCode = new LazyChunk(() => import('../../../uploads/upload-progress.js'));

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
    if (this.#unlisten) return;
    const registry = progressCode.value;
    if (!registry) {
      void progressCode.load().then(() => this.isConnected && (this.#listen(), this.setValue(this.#bar())), () => {});
      return;
    }
    this.#unlisten = registry.uploadProgress.listen((id) => {
      if (id === this.#id) this.setValue(this.#bar());
    });
  }

  #bar(): TemplateResult {
    const fraction = progressCode.value?.uploadProgress.get(this.#id);
    return html`<progress part="upload-progress" max="100" value=${fraction === undefined ? nothing : Math.round(fraction * 100)} aria-label=${this.#label}></progress>`;
  }
}

export const uploadProgressBar = directive(UploadProgressBar);
