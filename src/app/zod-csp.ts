/**
 * zod 4 compiles object parsers with `new Function` when it can, and probes for that ability on first use.
 * Under the app's Content-Security-Policy (no 'unsafe-eval', see scripts/vite-csp.ts) the probe fails
 * harmlessly but still fires a `securitypolicyviolation` report on every page load. `jitless` turns both
 * off; validating one article bundle does not need the compiled fast path.
 */
import { z } from 'zod';

z.config({ jitless: true });
