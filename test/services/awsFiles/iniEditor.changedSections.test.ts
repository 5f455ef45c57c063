import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangedText } from '../../../source/services/awsFiles/changedText.js';
import { changeSections, type SectionEdit } from '../../../source/services/awsFiles/iniEditor.js';
import {
  readAsBotocore,
  readAsJsSdk,
  type ReadSection,
} from '../../../source/services/awsFiles/sdkReadings.js';

// The judgement of an edit reads, in each SDK, the sections the edit reaches, which it finds by entity in a
// file of plain headers (`indexesOfEntities`): a wrong lookup would not show in what the edit writes, only
// in the judgement falling back to reading the whole new text. The new text is made whole (ChangedText's
// `toString`) only for that full judgement, so its calls tell which judgement decided.

afterEach(() => {
  vi.restoreAllMocks();
});

const SESSION =
  '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n';

interface Profile {
  readonly name: string;
  readonly handWritten: boolean;
}

function profileSection({ name, handWritten }: Profile, index: number): string {
  return handWritten
    ? `# added by hand\n[profile ${name}]\nregion = us-west-2\noutput = json\n`
    : `[profile ${name}]\nsso_session = corp\nsso_account_id = ${100000000000 + index}\n` +
        `sso_role_name = Admin\nregion = eu-west-1\nsso_tui_managed = true\n`;
}

/** A config file as populate writes it (with a hand-written profile now and then), and edits of it. */
const editedFiles = fc
  .uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 })
  .chain((ids) => {
    const profiles = ids.map((id) => ({ name: `acct-${id}.Admin`, handWritten: id % 7 === 0 }));
    const text = `${SESSION}\n${profiles.map(profileSection).join('\n')}`;
    const edit = fc.constantFrom('change', 'remove', 'keep');
    const added = fc.uniqueArray(fc.integer({ min: 401, max: 500 }), { maxLength: 5 });
    return fc
      .tuple(fc.constant(text), fc.array(edit, { minLength: ids.length, maxLength: ids.length }), added)
      .map(([file, actions, newIds]): { text: string; edits: SectionEdit[] } => {
        const edits: SectionEdit[] = [];
        profiles.forEach((profile, index) => {
          const header = `profile ${profile.name}`;
          if (actions[index] === 'remove') edits.push({ header, remove: true });
          if (actions[index] === 'change') {
            edits.push({
              header,
              values: [
                ['sso_session', 'corp'],
                ['sso_account_id', String(200000000000 + index)],
                ['region', 'us-east-1'],
              ],
              removeKeys: ['sso_start_url', 'sso_region'],
            });
          }
        });
        for (const id of newIds) {
          edits.push({
            header: `profile acct-${id}.Admin`,
            values: [
              ['sso_session', 'corp'],
              ['region', 'eu-west-1'],
            ],
          });
        }
        return { text: file, edits };
      });
  })
  .filter(({ edits }) => edits.length > 0);

function values(section: ReadSection | undefined): Record<string, string> {
  return Object.fromEntries([...(section ?? [])].map(([key, { value }]) => [key, value]));
}

describe('the judgement of an edit of a file of plain headers', () => {
  it('is decided from the sections the edit reaches, found by entity, and rightly', () => {
    fc.assert(
      fc.property(editedFiles, ({ text, edits }) => {
        const madeWhole = vi.spyOn(ChangedText.prototype, 'toString');
        const after = changeSections(text, edits, 'config');
        expect(madeWhole).not.toHaveBeenCalled();
        madeWhole.mockRestore();
        const written = after.toString();
        const targets = new Map(edits.map((edit) => [`${edit.header}`, edit]));
        for (const read of [readAsBotocore, readAsJsSdk]) {
          const old = read(text, 'config');
          const now = read(written, 'config');
          if (!old.ok || !now.ok) throw new Error('an SDK cannot read the file');
          const entities = new Set([...old.reading.entities.keys(), ...now.reading.entities.keys()]);
          for (const entity of entities) {
            const edit = targets.get(entity);
            const got = values(now.reading.entities.get(entity));
            if (edit === undefined) expect(got).toEqual(values(old.reading.entities.get(entity)));
            else if ('remove' in edit) expect(got).toEqual({});
            else {
              const expected = values(old.reading.entities.get(entity));
              for (const key of edit.removeKeys ?? []) delete expected[key];
              expect(got).toEqual({ ...expected, ...Object.fromEntries(edit.values) });
            }
          }
        }
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it('reads the whole new text when the edit is refused, to say why', () => {
    const text = `${SESSION}\n[profile dev]\nregion = eu-west-1\n\n[profile ops]\nregion = us-east-1\n`;
    // botocore refuses the file whatever the edit: a key given twice in another section.
    const refused = `${text}[profile twice]\nregion = a\nregion = b\n`;
    const madeWhole = vi.spyOn(ChangedText.prototype, 'toString');
    expect(() =>
      changeSections(refused, [{ header: 'profile dev', values: [['region', 'us-west-2']] }], 'config'),
    ).toThrow(/botocore cannot read the file/);
    expect(madeWhole).toHaveBeenCalled();
  });
});
