import { describe, expect, it } from 'vitest';
import { mapFailure } from './webgl';

class GPUInitializationError extends Error {
  statusMessage: string | null;
  constructor(statusMessage: string | null) {
    super('WebGL2 is required to display this map. Read more on https://example.org/');
    this.name = 'GPUInitializationError';
    this.statusMessage = statusMessage;
  }
}

describe('mapFailure', () => {
  it('says plainly that WebGL 2 is missing, without MapLibre’s link', () => {
    expect(mapFailure(new GPUInitializationError(null))).toBe('this browser has WebGL 2 switched off or unsupported');
  });

  it('adds the browser’s status message when it gave one', () => {
    expect(mapFailure(new GPUInitializationError('Web page caused context loss and was blocked'))).toBe(
      'this browser has WebGL 2 switched off or unsupported (Web page caused context loss and was blocked)',
    );
  });

  it('passes any other error’s message on', () => {
    expect(mapFailure(new Error('style is not valid'))).toBe('style is not valid');
    expect(mapFailure('boom')).toBe('boom');
  });
});
