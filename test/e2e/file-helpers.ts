import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { chat, expect, session } from './helpers.js';

/** A file as Playwright hands it to a page. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A real PNG of `width` × `height` (a gradient: the browser decodes it, and it does not compress to nothing). */
export function pngFile(name: string, width = 64, height = 48): FilePayload {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 7 + y) & 255, (y * 5) & 255, (x * y) & 255], row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const buffer = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return { name, mimeType: 'image/png', buffer };
}

/** A PDF-looking file of `size` bytes (the emulator checks what a file starts with, as a scan would). */
export function pdfFile(name: string, size = 2048): FilePayload {
  const buffer = Buffer.alloc(size, 0x20);
  buffer.write('%PDF-1.4\n', 0, 'latin1');
  return { name, mimeType: 'application/pdf', buffer };
}

/** Waits until the panel shows `added` more chosen files than it did when `action` started (files are staged once their code is here). */
async function staging(page: Page, added: number, action: () => Promise<void>): Promise<void> {
  const staged = chat(page).host.locator('[part~="staged-file"]');
  const before = await staged.count();
  await action();
  await expect(staged).toHaveCount(before + added);
}

/** Chooses files with the attach button, as a visitor does (the browser's file chooser). */
export async function chooseFiles(page: Page, files: FilePayload[]): Promise<void> {
  await staging(page, files.length, async () => {
    const chooser = page.waitForEvent('filechooser');
    await chat(page).host.locator('[part~="attach-button"]').click();
    await (await chooser).setFiles(files);
  });
}

type Transferable = { name: string; mimeType: string; bytes: number[] };
const transferable = (files: FilePayload[]): Transferable[] => files.map(({ name, mimeType, buffer }) => ({ name, mimeType, bytes: [...buffer] }));

/** Drags files over the panel (the drop target shows) and drops them. */
export async function dropFiles(page: Page, files: FilePayload[], { drop = true } = {}): Promise<void> {
  await staging(page, drop ? files.length : 0, () => dragOver(page, files, drop));
}

async function dragOver(page: Page, files: FilePayload[], drop: boolean): Promise<void> {
  await chat(page).panel.evaluate(
    (panel, { files, drop }) => {
      const data = new DataTransfer();
      for (const { name, mimeType, bytes } of files) data.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }));
      const fire = (type: string) => panel.dispatchEvent(new DragEvent(type, { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
      fire('dragenter');
      fire('dragover');
      if (drop) fire('drop');
    },
    { files: transferable(files), drop },
  );
}

/** Pastes files into the composer, as a screenshot is pasted. */
export async function pasteFiles(page: Page, files: FilePayload[]): Promise<void> {
  await staging(page, files.length, () => paste(page, files));
}

async function paste(page: Page, files: FilePayload[]): Promise<void> {
  await chat(page).composer.evaluate((composer, files) => {
    const data = new DataTransfer();
    for (const { name, mimeType, bytes } of files) data.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }));
    composer.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, composed: true, cancelable: true, clipboardData: data }));
  }, transferable(files));
}

/** The files the emulator holds for a session. */
export async function filesOf(page: Page, sessionId: string) {
  return (await session(page, sessionId)).files;
}

/** The visitor's messages with files, as the emulator has them: text and the attachments' names. */
export async function sentWithFiles(page: Page, sessionId: string): Promise<Array<{ text: string; names: string[] }>> {
  const { messages } = await session(page, sessionId);
  return messages.filter((message) => message.direction === 'Inbound' && message.attachments?.length).map((message) => ({ text: message.text, names: message.attachments!.map(({ name }) => name) }));
}
