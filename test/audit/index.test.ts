/**
 * The audit module's public entry point re-exports what the API and the CLI use.
 */
import * as audit from '../../audit';

describe('audit/index', () => {
  it('exports the trail, chain, export and store functions', () => {
    expect(Object.keys(audit).sort()).toEqual(
      [
        'AuditArchiveError',
        'CSV_COLUMNS',
        'GENESIS_HASH',
        'SYSTEM_USER',
        'TRAIL_FORMATS',
        'TRAIL_MEDIA_TYPES',
        'TrailFormatError',
        'assertDenialRecord',
        'buildAuditTrail',
        'chainEntries',
        'denialRecordOf',
        'exportTrail',
        'hashEntry',
        'isIsoDateTime',
        'openAuditStore',
        'openPostgresAuditStore',
        'openSqliteAuditStore',
        'parseTrail',
        'toCsv',
        'toJson',
        'toJsonl',
        'verifyTrail',
      ].sort(),
    );
  });

  it('turns an API access denial about a project into a denial record', () => {
    const denial = {
      at: '2026-12-01T00:00:00.000Z',
      user: 'he.yun',
      action: 'project.cancel',
      reason: 'auditors change nothing',
      code: 'ACCESS_DENIED',
      rule: 'auditor-read-only',
      projectId: 'p-1',
      method: 'POST',
      path: '/projects/p-1/cancel',
    };
    expect(audit.denialRecordOf(denial)).toEqual({
      projectId: 'p-1',
      at: '2026-12-01T00:00:00.000Z',
      actor: { user: 'he.yun' },
      action: 'project.cancel',
      reason: 'auditors change nothing',
      code: 'ACCESS_DENIED',
      rule: 'auditor-read-only',
      method: 'POST',
      path: '/projects/p-1/cancel',
    });
    expect(audit.denialRecordOf({ ...denial, projectId: undefined })).toBeUndefined();
  });
});
