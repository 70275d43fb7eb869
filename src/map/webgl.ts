/**
 * Why the map could not start, in words for the message that replaces it. MapLibre 6 throws a
 * `GPUInitializationError` when the browser gives it no WebGL 2 context (switched off, unsupported, or no
 * GPU driver); its own text points the reader at a web page, so say it plainly, with the browser's status
 * message when there is one.
 */
export function mapFailure(err: unknown): string {
  if (err instanceof Error && err.name === 'GPUInitializationError') {
    const status = (err as Error & { statusMessage?: unknown }).statusMessage;
    const detail = typeof status === 'string' && status.trim() !== '' ? ` (${status.trim()})` : '';
    return `this browser has WebGL 2 switched off or unsupported${detail}`;
  }
  return err instanceof Error ? err.message : String(err);
}
