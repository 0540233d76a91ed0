/** Organisational vocabulary for generated directories: departments, titles, places, groups. */

export interface Department {
  name: string;
  code: string;
  /** Relative headcount: real companies are lopsided (many engineers and sellers, few lawyers). */
  weight: number;
  titles: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    code: 'ENG',
    weight: 30,
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'Engineering Manager',
      'Site Reliability Engineer',
      'QA Engineer',
      'Principal Engineer',
    ],
  },
  {
    name: 'Sales',
    code: 'SAL',
    weight: 20,
    titles: [
      'Account Executive',
      'Sales Development Representative',
      'Sales Manager',
      'Solutions Engineer',
      'Regional Director',
    ],
  },
  {
    name: 'Customer Success',
    code: 'CS',
    weight: 12,
    titles: ['Customer Success Manager', 'Support Engineer', 'Support Specialist', 'Head of Support'],
  },
  {
    name: 'Marketing',
    code: 'MKT',
    weight: 8,
    titles: ['Product Marketing Manager', 'Content Strategist', 'Growth Marketer', 'Brand Designer'],
  },
  {
    name: 'Product',
    code: 'PRD',
    weight: 7,
    titles: ['Product Manager', 'Senior Product Manager', 'Product Designer', 'UX Researcher'],
  },
  {
    name: 'Finance',
    code: 'FIN',
    weight: 5,
    titles: ['Financial Analyst', 'Accountant', 'Controller', 'Payroll Specialist'],
  },
  {
    name: 'People',
    code: 'HR',
    weight: 4,
    titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist', 'Talent Partner'],
  },
  {
    name: 'IT',
    code: 'IT',
    weight: 4,
    titles: ['IT Administrator', 'Systems Engineer', 'Security Engineer', 'Help Desk Technician'],
  },
  { name: 'Legal', code: 'LGL', weight: 2, titles: ['Counsel', 'Paralegal', 'Compliance Manager'] },
  {
    name: 'Operations',
    code: 'OPS',
    weight: 8,
    titles: ['Operations Manager', 'Office Manager', 'Facilities Coordinator', 'Procurement Specialist'],
  },
];

export const LOCATIONS: readonly string[] = [
  'San Francisco, US',
  'New York, US',
  'Austin, US',
  'London, GB',
  'Berlin, DE',
  'Paris, FR',
  'Madrid, ES',
  'Amsterdam, NL',
  'Warsaw, PL',
  'Stockholm, SE',
  'São Paulo, BR',
  'Tokyo, JP',
  'Singapore, SG',
  'Bengaluru, IN',
  'Lagos, NG',
  'Istanbul, TR',
  'Remote',
];

export const EMPLOYEE_TYPES: readonly { value: string; weight: number }[] = [
  { value: 'Full-time', weight: 80 },
  { value: 'Part-time', weight: 6 },
  { value: 'Contractor', weight: 10 },
  { value: 'Intern', weight: 4 },
];

/** Team names for the long tail of small groups. */
export const TEAM_WORDS: readonly string[] = [
  'Platform',
  'Payments',
  'Identity',
  'Search',
  'Mobile',
  'Growth',
  'Billing',
  'Data',
  'Infra',
  'Security',
  'Onboarding',
  'Analytics',
  'Integrations',
  'Core',
  'Edge',
  'Reliability',
  'Design Systems',
  'Enterprise',
  'EMEA',
  'APAC',
  'Americas',
  'Partnerships',
  'Renewals',
  'Compliance',
  'Localization',
  'Notifications',
];
export const TEAM_SUFFIXES: readonly string[] = ['Team', 'Squad', 'Guild', 'Working Group', 'On-call', 'Leads'];
export const APP_GROUPS: readonly string[] = [
  'app-salesforce-users',
  'app-github-org',
  'app-slack-admins',
  'app-jira-users',
  'app-aws-readonly',
  'app-aws-admin',
  'app-figma-editors',
  'app-zoom-pro',
  'vpn-users',
  'mfa-exempt',
];

/** Directory provider types from the spec (`Directory.type`), with the idp_id style each uses. */
export const PROVIDER_TYPES = [
  'okta scim v2.0',
  'azure scim v2.0',
  'gsuite directory',
  'workday',
  'bamboohr',
  'generic scim v2.0',
  'onelogin scim v2.0',
  'jump cloud scim v2.0',
  'rippling scim v2.0',
  'hibob',
  'personio',
  'pingfederate scim v2.0',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number] | (string & {});

export const DIRECTORY_STATES = ['linked', 'unlinked', 'invalid_credentials', 'validating', 'deleting'] as const;
export type DirectoryState = (typeof DIRECTORY_STATES)[number];
