#!/usr/bin/env node
// The `kindling` admin command. The CLI is TypeScript; tsx's ESM hook lets Node load it without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
