import { afterAll } from 'vitest';
import { removeTempFolders } from './tempFolders.js';

// Test files make temporary homes and files; none outlives its file.
afterAll(removeTempFolders);
