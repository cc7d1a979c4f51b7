import type { OrgDirectory, OrgUser } from '../../engine/model/org';
import { checkOrgIntegrity, managerAt, managerChain } from './org-integrity';
import { ORG_FILE, readYaml } from './shipped-files';

const org = readYaml(ORG_FILE) as OrgDirectory;

const EXPECTED_DEPARTMENTS = ['management', 'rnd', 'marketing', 'sales', 'service', 'finance', 'ops', 'it'];
const EXPECTED_ROLES = [
  'ops-admin',
  'project-manager',
  'approval-admin',
  'auditor',
  'cto',
  'on-call',
  'integration',
  'monitoring',
];

/** Accounts of other systems (API keys), not people: they follow no naming or headcount rules. */
const SYSTEM_ROLES = ['integration', 'monitoring'];
const isPerson = (u: OrgUser) => !(u.roles ?? []).some((r) => SYSTEM_ROLES.includes(r));
const people = org.users.filter(isPerson);

function user(id: string): OrgUser {
  const found = org.users.find((u) => u.id === id);
  if (!found) throw new Error(`no user '${id}' in org.yaml`);
  return found;
}

function headOf(departmentId: string): string {
  const department = org.departments.find((d) => d.id === departmentId);
  if (!department) throw new Error(`no department '${departmentId}' in org.yaml`);
  return department.head;
}

function holders(role: string): OrgUser[] {
  return org.users.filter((u) => (u.roles ?? []).includes(role));
}

describe('sop-definitions/org.yaml', () => {
  test('has exactly the keys of the org directory, with string fields', () => {
    expect(Object.keys(org).sort()).toEqual(['departments', 'roles', 'users']);
    for (const department of org.departments) {
      expect(Object.keys(department).sort()).toEqual(['head', 'id', 'name']);
      expect(department.name).toEqual(expect.any(String));
    }
    const allowed = ['department', 'email', 'id', 'manager', 'name', 'roles'];
    for (const u of org.users) {
      expect(Object.keys(u).filter((key) => !allowed.includes(key))).toEqual([]);
      expect([u.id, u.name, u.department]).toEqual([
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ]);
    }
  });

  test('passes every integrity check', () => {
    expect(checkOrgIntegrity(org)).toEqual([]);
  });

  test('declares the company departments', () => {
    expect(org.departments.map((d) => d.id).sort()).toEqual([...EXPECTED_DEPARTMENTS].sort());
    expect(org.departments.find((d) => d.id === 'rnd')?.name).toBe('研发部');
    expect(org.departments.find((d) => d.id === 'service')?.name).toBe('客服部');
  });

  test('gives every department a head and two to four members', () => {
    for (const department of org.departments) {
      const staff = people.filter((u) => u.department === department.id);
      expect(staff.map((u) => u.id)).toContain(department.head);
      const members = staff.filter((u) => u.id !== department.head);
      expect({ department: department.id, members: members.length >= 2 && members.length <= 4 }).toEqual({
        department: department.id,
        members: true,
      });
    }
  });

  test('uses pinyin user ids and unique example.com email addresses', () => {
    for (const u of people) {
      expect(u.id).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(u.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(u.email).toBe(`${u.id}@example.com`);
    }
    expect(new Set(people.map((u) => u.email)).size).toBe(people.length);
  });

  test('keeps system accounts out of the people rules: no email, only system roles, in IT', () => {
    const systems = org.users.filter((u) => !isPerson(u));
    expect(systems.map((u) => u.id).sort()).toEqual(['oa-bridge', 'prometheus']);
    for (const account of systems) {
      expect(account.email).toBeUndefined();
      expect(account.department).toBe('it');
      expect((account.roles ?? []).every((r) => SYSTEM_ROLES.includes(r))).toBe(true);
    }
  });

  describe('manager chain', () => {
    const ceo = headOf('management');

    test('ends at the CEO (head of management) for everyone', () => {
      for (const u of org.users) {
        const chain = managerChain(org, u.id);
        expect(chain.cycle).toBe(false);
        expect(chain.ids.at(-1)).toBe(ceo);
      }
    });

    test('runs member → department head → CTO or COO → CEO', () => {
      const cto = holders('cto')[0]!.id;
      const executives = org.users
        .filter((u) => u.department === 'management' && u.id !== ceo)
        .map((u) => u.id);
      expect(executives).toContain(cto);
      for (const department of org.departments.filter((d) => d.id !== 'management')) {
        expect(executives).toContain(user(department.head).manager);
        for (const member of org.users.filter(
          (u) => u.department === department.id && u.id !== department.head,
        )) {
          expect(member.manager).toBe(department.head);
          expect(managerAt(org, member.id, 3)).toBe(ceo);
        }
      }
      for (const executive of executives) expect(user(executive).manager).toBe(ceo);
    });

    test('resolves "manager 2 levels up" for every department member', () => {
      const members = org.users.filter(
        (u) => u.department !== 'management' && !org.departments.some((d) => d.head === u.id),
      );
      expect(members.length).toBeGreaterThan(0);
      for (const member of members) {
        const twoUp = managerAt(org, member.id, 2);
        expect(twoUp).toBeDefined();
        expect(user(twoUp!).department).toBe('management');
      }
    });

    test("puts the CTO two levels above every on-call engineer (incident-response's escalation)", () => {
      const cto = holders('cto')[0]!.id;
      expect(holders('on-call').length).toBeGreaterThanOrEqual(2);
      for (const engineer of holders('on-call')) {
        expect(['rnd', 'it']).toContain(engineer.department);
        expect(managerAt(org, engineer.id, 2)).toBe(cto);
      }
    });
  });

  describe('roles', () => {
    test('declares the roles the shipped SOPs use, each with a description', () => {
      expect(Object.keys(org.roles).sort()).toEqual([...EXPECTED_ROLES].sort());
      for (const description of Object.values(org.roles))
        expect(description.trim().length).toBeGreaterThan(10);
    });

    test('has at least one holder for every declared role, and exactly one CTO in management', () => {
      for (const role of Object.keys(org.roles))
        expect({ role, held: holders(role).length > 0 }).toEqual({ role, held: true });
      expect(holders('cto').map((u) => u.department)).toEqual(['management']);
    });
  });
});

describe('checkOrgIntegrity', () => {
  function copy(): {
    departments: OrgDirectory['departments'][number][];
    users: OrgUser[];
    roles: Record<string, string>;
  } {
    return structuredClone({
      departments: [...org.departments],
      users: [...org.users],
      roles: { ...org.roles },
    });
  }

  function withUser(id: string, change: Partial<OrgUser>): OrgDirectory {
    const broken = copy();
    broken.users = broken.users.map((u) => (u.id === id ? { ...u, ...change } : u));
    return broken;
  }

  test('reports a loop in the manager chain', () => {
    const problems = checkOrgIntegrity(withUser('zhao.lei', { manager: 'sun.peng' }));
    expect(problems).toContain("manager chain of 'sun.peng' loops: sun.peng → zhao.lei → sun.peng");
  });

  test('reports a second top of the chain', () => {
    const broken = copy();
    broken.users = broken.users.map((u) =>
      u.id === 'liu.yang' ? { id: u.id, name: u.name, department: u.department } : u,
    );
    expect(checkOrgIntegrity(broken)).toEqual([
      'expected exactly one user without a manager, found 2: wang.jianguo, liu.yang',
    ]);
  });

  test('reports unknown managers, departments, heads and roles', () => {
    expect(checkOrgIntegrity(withUser('he.yun', { manager: 'nobody' }))).toEqual([
      "manager 'nobody' of user 'he.yun' is not a known user",
    ]);
    expect(checkOrgIntegrity(withUser('he.yun', { department: 'legal' }))).toEqual([
      "user 'he.yun' belongs to unknown department 'legal'",
    ]);
    expect(checkOrgIntegrity(withUser('he.yun', { roles: ['release-manager'] }))).toEqual([
      "role 'release-manager' of user 'he.yun' is not declared",
    ]);
    const broken = copy();
    broken.departments = broken.departments.map((d) => (d.id === 'sales' ? { ...d, head: 'li.na' } : d));
    expect(checkOrgIntegrity(broken)).toEqual(["head 'li.na' of department 'sales' belongs to 'marketing'"]);
  });
});
