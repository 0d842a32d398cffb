import { z } from 'zod';

// The app's CSP forbids eval: stop zod probing `new Function` (the probe itself is reported as a
// CSP violation). Imported first by main.tsx, before any schema is built.
z.config({ jitless: true });
