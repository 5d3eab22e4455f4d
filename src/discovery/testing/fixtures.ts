/*
 * Annotations of a small housing association's systems, for discovery's tests: a housing system
 * (tenants, tenancies, rent accounts and transactions, whose last table refers back to the
 * tenancy, making a cycle), and a CRM holding dates of birth as dd/mm/yyyy text with its calls.
 */

export const HOUSING_YAML = `
system: housing
connection: { kind: postgres, url_env: HOUSING_URL }
tables:
  tenants:
    key: [tenant_id]
    activity: tenancy-management
    columns:
      tenant_id: { erasure: keep, reason: the row key }
      tenant_ref: { identifies: reference, reference_kind: tenant, erasure: keep, reason: contract }
      forename: { category: name, identifies: given_name, erasure: mask }
      surname: { category: name, identifies: family_name, erasure: mask }
      date_of_birth: { category: date-of-birth, identifies: date_of_birth, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      mobile_phone: { category: contact-details, identifies: phone, erasure: null }
      home_phone: { category: contact-details, identifies: phone, erasure: null }
      address: { category: contact-details, identifies: address_line, erasure: null }
      postcode: { category: contact-details, identifies: postcode, erasure: null }
      ni_number: { category: national-insurance-number, identifies: ni_number, erasure: hash }
    references:
      - { to: tenancies, columns: { tenant_id: tenant_id } }
      - { to: tenancies, columns: { tenant_id: joint_tenant_id } }
  tenancies:
    key: [tenancy_id]
    activity: tenancy-management
    columns:
      tenancy_id: { erasure: keep, reason: the row key }
      tenant_id: { erasure: keep, reason: a link }
      joint_tenant_id: { erasure: keep, reason: a link }
      property_id: { erasure: keep, reason: a link }
    references:
      - { to: rent_accounts, columns: { tenancy_id: tenancy_id } }
  rent_accounts:
    key: [account_id]
    activity: rent-collection
    columns:
      account_id: { erasure: keep, reason: the row key }
      tenancy_id: { erasure: keep, reason: a link }
      balance: { erasure: keep, reason: legal-obligation }
    references:
      - { to: rent_transactions, columns: { account_id: account_id } }
  rent_transactions:
    key: [transaction_id]
    activity: rent-collection
    columns:
      transaction_id: { erasure: keep, reason: the row key }
      account_id: { erasure: keep, reason: a link }
      tenancy_id: { erasure: keep, reason: a link }
      amount: { erasure: keep, reason: legal-obligation }
    references:
      # Back to the tenancy: a cycle that following must survive.
      - { to: tenancies, columns: { tenancy_id: tenancy_id } }
  emergency_contacts:
    key: [contact_id]
    activity: tenancy-management
    person: related
    columns:
      contact_id: { erasure: keep, reason: the row key }
      tenant_id: { erasure: keep, reason: a link }
      name: { category: name, identifies: full_name, erasure: mask }
      phone: { category: contact-details, identifies: phone, erasure: null }
  properties:
    key: [property_id]
    activity: tenancy-management
    columns:
      property_id: { erasure: keep, reason: the row key }
      address: { erasure: keep, reason: "the property, not a person" }
    references:
      - { to: tenancies, columns: { property_id: property_id } }
`;

export const CRM_YAML = `
system: crm
connection: { kind: mysql, url_env: CRM_URL }
tables:
  contacts:
    key: [contact_id]
    activity: customer-contact
    columns:
      contact_id: { erasure: keep, reason: the row key }
      first_name: { category: name, identifies: given_name, erasure: mask }
      last_name: { category: name, identifies: family_name, erasure: mask }
      dob: { category: date-of-birth, identifies: date_of_birth, format: dd/mm/yyyy, erasure: null }
      email: { category: contact-details, identifies: email, erasure: null }
      phone: { category: contact-details, identifies: phone, erasure: null }
      postcode: { category: contact-details, identifies: postcode, erasure: null }
      tenancy_ref: { identifies: reference, reference_kind: tenancy, erasure: null }
    references:
      - { to: calls, columns: { contact_id: contact_id } }
  calls:
    key: [call_id]
    activity: customer-contact
    columns:
      call_id: { erasure: delete-row }
      contact_id: { erasure: keep, reason: a link }
      caller_number: { category: call-line-identification, identifies: phone }
      summary: { category: call-notes, free_text: true }
`;

export const SIGNUPS_YAML = `
system: signups
connection: { kind: files, folder: ./signups }
tables:
  event-signups:
    key: [signup_id]
    activity: community-events
    columns:
      signup_id: { erasure: delete-row }
      name: { category: name, identifies: full_name }
      email: { category: contact-details, identifies: email }
      postcode: { category: contact-details, identifies: postcode }
`;

export const CASENOTES_YAML = `
system: casenotes
connection: { kind: sqlite, path: ./casenotes.sqlite }
tables:
  cases:
    key: [case_id]
    activity: safeguarding
    columns:
      case_id: { erasure: keep, reason: the row key }
      subject_forenames: { category: name, identifies: given_name, erasure: mask }
      subject_surname: { category: name, identifies: family_name, erasure: mask }
      subject_dob: { category: date-of-birth, identifies: date_of_birth, format: yyyy-mm-dd, erasure: null }
      nhs_number: { category: nhs-number, identifies: nhs_number, erasure: hash }
`;

/** Column types of the housing system as PostgreSQL would report them. */
export const HOUSING_TYPES = {
  tenants: {
    tenant_id: 'integer',
    tenant_ref: 'text',
    forename: 'text',
    surname: 'character varying',
    date_of_birth: 'date',
    email: 'text',
    mobile_phone: 'text',
    home_phone: 'text',
    address: 'text',
    postcode: 'text',
    ni_number: 'text',
  },
  tenancies: {
    tenancy_id: 'integer',
    tenant_id: 'integer',
    joint_tenant_id: 'integer',
    property_id: 'integer',
  },
  rent_accounts: { account_id: 'integer', tenancy_id: 'integer', balance: 'numeric' },
  rent_transactions: {
    transaction_id: 'integer',
    account_id: 'integer',
    tenancy_id: 'integer',
    amount: 'numeric',
  },
  emergency_contacts: { contact_id: 'integer', tenant_id: 'integer', name: 'text', phone: 'text' },
  properties: { property_id: 'integer', address: 'text' },
} as const;

export const CRM_TYPES = {
  contacts: {
    contact_id: 'int',
    first_name: 'varchar',
    last_name: 'varchar',
    dob: 'varchar',
    email: 'varchar',
    phone: 'varchar',
    postcode: 'varchar',
    tenancy_ref: 'varchar',
  },
  calls: { call_id: 'int', contact_id: 'int', caller_number: 'varchar', summary: 'text' },
} as const;
