import { Document, isMap, isSeq } from 'yaml';
import type { SystemId } from './ground-truth.ts';

/**
 * The dataset annotations of the four synthetic systems (`DIR/systems/<system>.yaml`), in the
 * format of `src/systems/ANNOTATIONS.md`: connection by environment variable or relative path,
 * each table's key, activity, retention date and references, and per column its category, what it
 * identifies and what erasure does to it.
 */

export const HOUSING_URL_ENV = 'DEMO_HOUSING_DATABASE_URL';
export const CRM_URL_ENV = 'DEMO_CRM_DATABASE_URL';

/** `erasure: null` is written as YAML's null, as ANNOTATIONS.md writes it. */
type Column = Record<string, string | boolean | null>;

interface TableAnnotation {
  key: string[];
  activity: string;
  retention_from?: string;
  restriction_flag?: string;
  person?: 'subject' | 'related';
  columns: Record<string, Column>;
  references?: { to: string; columns: Record<string, string> }[];
}

interface Annotation {
  system: SystemId;
  connection: Record<string, string>;
  tables: Record<string, TableAnnotation>;
}

const keep = (reason: string, extra: Column = {}): Column => ({ ...extra, erasure: 'keep', reason });
const KEY = keep('the row key');
const LINK = keep('a link to another row');

const HOUSING: Annotation = {
  system: 'housing',
  connection: { kind: 'postgres', url_env: HOUSING_URL_ENV },
  tables: {
    tenants: {
      key: ['tenant_id'],
      activity: 'tenancy-management',
      restriction_flag: 'processing_restricted',
      columns: {
        tenant_id: KEY,
        tenant_ref: keep('contract', {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'tenant',
        }),
        title: { category: 'name', erasure: null },
        forename: { category: 'name', identifies: 'given_name', erasure: 'mask' },
        middle_names: { category: 'name', erasure: null },
        surname: { category: 'name', identifies: 'family_name', erasure: 'mask' },
        date_of_birth: { category: 'date-of-birth', identifies: 'date_of_birth', erasure: null },
        ni_number: { category: 'national-insurance-number', identifies: 'ni_number', erasure: 'hash' },
        email: { category: 'contact-details', identifies: 'email', erasure: null, provided: true },
        mobile_phone: { category: 'contact-details', identifies: 'phone', erasure: null, provided: true },
        home_phone: { category: 'contact-details', identifies: 'phone', erasure: null, provided: true },
        correspondence_address: { category: 'contact-details', identifies: 'address_line', erasure: null },
        postcode: { category: 'contact-details', identifies: 'postcode', erasure: null },
        processing_restricted: keep('the restriction flag'),
        created_at: keep('when the record was made'),
        updated_at: keep('when the record was last changed'),
      },
      references: [
        { to: 'tenancies', columns: { tenant_id: 'tenant_id' } },
        { to: 'tenancies', columns: { tenant_id: 'joint_tenant_id' } },
        { to: 'repairs', columns: { tenant_id: 'reported_by' } },
      ],
    },
    tenancies: {
      key: ['tenancy_id'],
      activity: 'tenancy-management',
      retention_from: 'end_date',
      columns: {
        tenancy_id: KEY,
        tenancy_ref: keep('contract', {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'tenancy',
        }),
        property_id: LINK,
        tenant_id: LINK,
        joint_tenant_id: LINK,
        tenancy_type: keep('contract', { category: 'tenancy-records' }),
        start_date: keep('contract', { category: 'tenancy-records' }),
        end_date: keep('retention start date', { category: 'tenancy-records' }),
        status: keep('contract', { category: 'tenancy-records' }),
      },
      references: [{ to: 'rent_accounts', columns: { tenancy_id: 'tenancy_id' } }],
    },
    rent_accounts: {
      key: ['account_id'],
      activity: 'rent-collection',
      columns: {
        account_id: KEY,
        account_ref: keep('legal-obligation', {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'rent-account',
        }),
        tenancy_id: LINK,
        weekly_rent: keep('legal-obligation', { category: 'rent-payments' }),
        balance: keep('legal-obligation', { category: 'rent-payments' }),
        payment_method: keep('legal-obligation', { category: 'rent-payments' }),
        opened_on: keep('legal-obligation', { category: 'rent-payments' }),
      },
      references: [{ to: 'rent_transactions', columns: { account_id: 'account_id' } }],
    },
    rent_transactions: {
      key: ['transaction_id'],
      activity: 'rent-collection',
      retention_from: 'posted_on',
      columns: {
        transaction_id: KEY,
        account_id: LINK,
        posted_on: keep('legal-obligation', { category: 'rent-payments' }),
        transaction_type: keep('legal-obligation', { category: 'rent-payments' }),
        amount: keep('legal-obligation', { category: 'rent-payments' }),
        description: keep('legal-obligation', { category: 'rent-payments' }),
      },
    },
    repairs: {
      key: ['repair_id'],
      activity: 'repairs',
      retention_from: 'completed_on',
      columns: {
        repair_id: KEY,
        repair_ref: keep('legal-obligation', { category: 'repairs-records' }),
        property_id: LINK,
        reported_by: LINK,
        reported_on: keep('legal-obligation', { category: 'repairs-records' }),
        category: keep('legal-obligation', { category: 'repairs-records' }),
        description: keep('legal-obligation', { category: 'repairs-records' }),
        priority: keep('legal-obligation', { category: 'repairs-records' }),
        status: keep('legal-obligation', { category: 'repairs-records' }),
        completed_on: keep('retention start date', { category: 'repairs-records' }),
      },
    },
    // The organisation's own record of its homes: an address, not a person.
    properties: {
      key: ['property_id'],
      activity: 'tenancy-management',
      columns: {
        property_id: KEY,
        uprn: keep('the property, not a person'),
        address_line_1: keep('the property, not a person'),
        address_line_2: keep('the property, not a person'),
        town: keep('the property, not a person'),
        postcode: keep('the property, not a person'),
        property_type: keep('the property, not a person'),
        bedrooms: keep('the property, not a person'),
      },
      references: [
        { to: 'tenancies', columns: { property_id: 'property_id' } },
        { to: 'repairs', columns: { property_id: 'property_id' } },
      ],
    },
  },
};

const CRM: Annotation = {
  system: 'crm',
  connection: { kind: 'mysql', url_env: CRM_URL_ENV },
  tables: {
    contacts: {
      key: ['contact_id'],
      activity: 'customer-contact',
      restriction_flag: 'processing_restricted',
      columns: {
        contact_id: KEY,
        customer_no: keep('the customer number, kept as a key', {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'customer',
        }),
        salutation: { category: 'name', erasure: null },
        first_name: { category: 'name', identifies: 'given_name', erasure: 'mask' },
        last_name: { category: 'name', identifies: 'family_name', erasure: 'mask' },
        dob: { category: 'date-of-birth', identifies: 'date_of_birth', format: 'dd/mm/yyyy', erasure: null },
        email: { category: 'contact-details', identifies: 'email', erasure: null, provided: true },
        phone: { category: 'contact-details', identifies: 'phone', erasure: null, provided: true },
        phone_2: { category: 'contact-details', identifies: 'phone', erasure: null, provided: true },
        address_1: { category: 'contact-details', identifies: 'address_line', erasure: null },
        address_2: { category: 'contact-details', erasure: null },
        town: { category: 'contact-details', erasure: null },
        postcode: { category: 'contact-details', identifies: 'postcode', erasure: null },
        tenancy_ref: {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'tenancy',
          erasure: null,
        },
        source: keep('how the contact was made, not about the person'),
        processing_restricted: keep('the restriction flag'),
        created_at: keep('when the record was made'),
        updated_at: keep('when the record was last changed'),
      },
      references: [
        { to: 'calls', columns: { contact_id: 'contact_id' } },
        { to: 'marketing_preferences', columns: { contact_id: 'contact_id' } },
      ],
    },
    calls: {
      key: ['call_id'],
      activity: 'customer-contact',
      retention_from: 'call_started',
      columns: {
        call_id: { erasure: 'delete-row' },
        contact_id: LINK,
        call_started: { category: 'call-line-identification' },
        direction: { category: 'call-line-identification' },
        caller_number: { category: 'call-line-identification', identifies: 'phone' },
        duration_seconds: { category: 'call-line-identification' },
        agent: keep('the member of staff who took the call'),
        reason: { category: 'call-notes' },
        summary: { category: 'call-notes', free_text: true },
      },
    },
    marketing_preferences: {
      key: ['preference_id'],
      activity: 'newsletter',
      columns: {
        preference_id: { erasure: 'delete-row' },
        contact_id: LINK,
        channel: { category: 'preferences', provided: true },
        opted_in: { category: 'preferences', provided: true },
        recorded_at: { category: 'preferences' },
        source: { category: 'preferences' },
      },
    },
  },
};

const CASENOTES: Annotation = {
  system: 'casenotes',
  connection: { kind: 'sqlite', path: '../casenotes.sqlite' },
  tables: {
    // One table holds both anti-social behaviour and safeguarding cases (case_type); an annotation
    // names one activity per table, so it names the one with the stricter rules (special category data).
    cases: {
      key: ['case_id'],
      activity: 'safeguarding',
      retention_from: 'closed_on',
      restriction_flag: 'processing_restricted',
      columns: {
        case_id: KEY,
        case_ref: keep('the case number, kept as a key', {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'case',
        }),
        case_type: keep('the kind of case', { category: 'safeguarding-records' }),
        subject_forenames: { category: 'name', identifies: 'given_name', erasure: 'mask' },
        subject_surname: { category: 'name', identifies: 'family_name', erasure: 'mask' },
        subject_dob: {
          category: 'date-of-birth',
          identifies: 'date_of_birth',
          format: 'yyyy-mm-dd',
          erasure: null,
        },
        subject_address: { category: 'contact-details', identifies: 'address_line', erasure: null },
        subject_postcode: { category: 'contact-details', identifies: 'postcode', erasure: null },
        subject_phone: { category: 'contact-details', identifies: 'phone', erasure: null },
        nhs_number: { category: 'nhs-number', identifies: 'nhs_number', erasure: 'hash' },
        tenancy_ref: {
          category: 'reference-numbers',
          identifies: 'reference',
          reference_kind: 'tenancy',
          erasure: null,
        },
        opened_on: keep('the case dates', { category: 'safeguarding-records' }),
        closed_on: keep('retention start date', { category: 'safeguarding-records' }),
        officer: keep('the member of staff responsible'),
        status: keep('the state of the case', { category: 'safeguarding-records' }),
        processing_restricted: keep('the restriction flag'),
      },
      references: [{ to: 'case_notes', columns: { case_id: 'case_id' } }],
    },
    case_notes: {
      key: ['note_id'],
      activity: 'safeguarding',
      columns: {
        note_id: KEY,
        case_id: LINK,
        written_at: keep('when the note was written', { category: 'safeguarding-records' }),
        author: keep('the member of staff who wrote it'),
        note: { category: 'health-and-wellbeing', free_text: true, erasure: 'redact' },
      },
    },
  },
};

const SPREADSHEETS: Annotation = {
  system: 'spreadsheets',
  connection: { kind: 'files', folder: '../spreadsheets' },
  tables: {
    'event-signups': {
      key: ['signup_id'],
      activity: 'community-events',
      retention_from: 'event_date',
      columns: {
        signup_id: { erasure: 'delete-row' },
        event: { category: 'event-attendance' },
        event_date: { category: 'event-attendance', format: 'dd/mm/yyyy' },
        name: { category: 'name', identifies: 'full_name', provided: true },
        email: { category: 'contact-details', identifies: 'email', provided: true },
        mobile: { category: 'contact-details', identifies: 'phone', provided: true },
        postcode: { category: 'contact-details', identifies: 'postcode', provided: true },
        signed_up_on: { category: 'event-attendance', format: 'dd/mm/yyyy' },
        attended: { category: 'event-attendance' },
      },
    },
    'tenant-survey-2025': {
      key: ['response_id'],
      activity: 'tenant-survey',
      retention_from: 'submitted_on',
      columns: {
        response_id: { erasure: 'delete-row' },
        submitted_on: { category: 'survey-responses' },
        first_name: { category: 'name', identifies: 'given_name' },
        last_name: { category: 'name', identifies: 'family_name' },
        date_of_birth: { category: 'date-of-birth', identifies: 'date_of_birth', format: 'dd/mm/yyyy' },
        tenancy_ref: { category: 'reference-numbers', identifies: 'reference', reference_kind: 'tenancy' },
        email: { category: 'contact-details', identifies: 'email', provided: true },
        phone: { category: 'contact-details', identifies: 'phone', provided: true },
        postcode: { category: 'contact-details', identifies: 'postcode' },
        satisfaction: { category: 'survey-responses', provided: true },
        comments: { category: 'survey-responses', free_text: true, provided: true },
      },
    },
  },
};

export const ANNOTATIONS: Readonly<Record<SystemId, Annotation>> = {
  housing: HOUSING,
  crm: CRM,
  casenotes: CASENOTES,
  spreadsheets: SPREADSHEETS,
};

/** The annotation as YAML, each column and reference on one line. */
export function annotationYaml(system: SystemId): string {
  const doc = new Document(ANNOTATIONS[system], { aliasDuplicateObjects: false });
  const tables = doc.get('tables');
  if (isMap(tables)) {
    for (const { value: table } of tables.items) {
      if (!isMap(table)) continue;
      const key = table.get('key');
      if (isSeq(key)) key.flow = true;
      const columns = table.get('columns');
      if (isMap(columns)) for (const { value } of columns.items) if (isMap(value)) value.flow = true;
      const references = table.get('references');
      if (isSeq(references))
        for (const reference of references.items) {
          const mapping = isMap(reference) ? reference.get('columns') : undefined;
          if (isMap(mapping)) mapping.flow = true;
        }
    }
  }
  const header =
    `# Dataset annotation of the synthetic "${system}" system, made by custodian demo generate.\n` +
    '# Format: src/systems/ANNOTATIONS.md. Connection secrets are in the environment, never here.\n';
  return header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
