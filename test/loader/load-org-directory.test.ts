import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadOrgDirectory, loadOrgDirectoryText } from '../../engine/loader';

/** An org directory as YAML data, edited freely by the tests (mistakes included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drafts are deliberately untyped
type OrgDraft = Record<string, any>;

function orgDraft(): OrgDraft {
  return {
    departments: [
      { id: 'marketing', name: '市场部', head: 'li.na' },
      { id: 'rnd', name: '研发部', head: 'zhao.lei' },
    ],
    users: [
      { id: 'li.na', name: '李娜', department: 'marketing', roles: ['ops-admin'] },
      { id: 'zhao.lei', name: '赵磊', department: 'rnd', manager: 'li.na' },
    ],
    roles: { 'ops-admin': 'Maintains the SOP catalogue' },
  };
}

function summarize(draft: OrgDraft): string[] {
  return loadOrgDirectoryText(stringify(draft), 'org.yaml').problems.map((p) => `${p.code} ${p.path}`);
}

describe('loadOrgDirectory', () => {
  it('loads the shipped org directory', () => {
    const { org, problems } = loadOrgDirectory(join(__dirname, '..', '..', 'sop-definitions', 'org.yaml'));
    expect(problems).toEqual([]);
    expect(org?.departments.map((d) => d.id)).toContain('marketing');
  });

  it('returns the directory when it is sound', () => {
    const { org, problems } = loadOrgDirectoryText(stringify(orgDraft()), 'org.yaml');
    expect(problems).toEqual([]);
    expect(org?.users).toHaveLength(2);
  });

  it('explains schema mistakes in words, and returns no directory', () => {
    const draft = orgDraft();
    draft.users[1].manger = 'li.na';
    delete draft.departments[0].name;
    const { org, problems } = loadOrgDirectoryText(stringify(draft), 'org.yaml');
    expect(org).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([
      "department 'marketing' is missing required key 'name'",
      expect.stringMatching(
        /^user 'zhao.lei' has unsupported key 'manger'; supported keys are: id, name, department, manager/,
      ),
    ]);
    expect(problems[1]?.hint).toBe("did you mean 'manager'?");
  });

  it('reports references to departments, heads, managers and roles that do not exist', () => {
    const draft = orgDraft();
    draft.departments[1].head = 'zhao.le';
    draft.users[1].department = 'rdn';
    draft.users[1].manager = 'li.nna';
    draft.users[0].roles = ['ops-admn'];
    expect(summarize(draft)).toEqual([
      'ORG_UNKNOWN_REFERENCE /departments/1/head',
      'ORG_UNKNOWN_REFERENCE /users/0/roles/0',
      'ORG_UNKNOWN_REFERENCE /users/1/department',
      'ORG_UNKNOWN_REFERENCE /users/1/manager',
    ]);
  });

  it('reports duplicate ids and manager loops', () => {
    const draft = orgDraft();
    draft.users[0].manager = 'zhao.lei';
    draft.departments.push({ id: 'rnd', name: 'R&D again', head: 'li.na' });
    const problems = loadOrgDirectoryText(stringify(draft), 'org.yaml').problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['ORG_DUPLICATE_ID', 'ORG_MANAGER_CYCLE']);
    expect(problems.find((p) => p.code === 'ORG_MANAGER_CYCLE')?.message).toBe(
      "the managers of 'li.na' → 'zhao.lei' → 'li.na' go round in a loop",
    );
  });

  it('turns a missing file into a problem', () => {
    expect(loadOrgDirectory('/nonexistent/org.yaml').problems.map((p) => p.code)).toEqual([
      'FILE_UNREADABLE',
    ]);
  });
});
