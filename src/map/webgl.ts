/**
 * Whether this browser can draw the map. `maplibregl.supported()` no longer exists in v6, so ask the
 * browser directly for a WebGL 2 (or 1) context on a scratch canvas, as MapLibre itself will.
 */
export function webglUnavailableReason(): string | null {
  if (typeof document === 'undefined') return 'no document';
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return 'this browser has WebGL switched off or unsupported';
    // Free the scratch context at once: browsers cap live contexts and the map needs one.
    (gl as WebGLRenderingContext).getExtension('WEBGL_lose_context')?.loseContext();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'WebGL failed to start';
  }
}
