import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFeedbackRepository } from './create-feedback-repository';
import { PostgresFeedbackRepository } from './postgres-feedback.repository';
import { SqliteFeedbackRepository } from './sqlite-feedback.repository';

describe('createFeedbackRepository', () => {
  const cwd = process.cwd();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'feedback-factory-'));
    process.chdir(dir);
  });

  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens data/feedback.sqlite under the working directory by default, creating the folder, in WAL mode', async () => {
    const repository = createFeedbackRepository({ databaseUrl: '  ', sqlitePath: '' });
    try {
      expect(repository).toBeInstanceOf(SqliteFeedbackRepository);
      expect((repository as SqliteFeedbackRepository).path).toBe(join(process.cwd(), 'data', 'feedback.sqlite'));
      expect(existsSync(join(dir, 'data', 'feedback.sqlite'))).toBe(true);
      await repository.recordFeedback([]);
      expect(existsSync(join(dir, 'data', 'feedback.sqlite-wal'))).toBe(true);
    } finally {
      await repository.close();
    }
  });

  it('chooses Postgres when a URL is given, without connecting until used', async () => {
    const repository = createFeedbackRepository({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', sqlitePath: 'ignored.sqlite' });
    expect(repository).toBeInstanceOf(PostgresFeedbackRepository);
    expect(existsSync(join(dir, 'ignored.sqlite'))).toBe(false);
    await repository.close();
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() =>
      createFeedbackRepository({ databaseUrl: 'postgres://x@127.0.0.1/db', postgres: { schema: 'a"; DROP SCHEMA public; --' } }),
    ).toThrow(/schema name/);
  });
});
