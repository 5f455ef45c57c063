import { describe, expect, it } from 'vitest';
import { editSections } from '../../../source/services/awsFiles/iniEditor.js';

// Its own file so mutation runs can leave it out (mutation/vitest.config.ts): about 10 s here, far longer
// with every line instrumented, and each mutant of the editor would run it.
describe('editSections on a large file', () => {
  it('edits a file of 100,000 profiles without overflowing the stack', () => {
    const sections = Array.from({ length: 100_000 }, (_, index) => `[p${index}]\nk = v${index}\n`);
    const before = sections.join('');
    const after = editSections(before, [{ header: 'p1', values: [['k', 'new']] }]);
    expect(after).toBe(before.replace('[p1]\nk = v1\n', '[p1]\nk = new\n'));
  });
});
