/**
 * The register of processing of the synthetic housing association, Larkspur Homes: the files
 * `custodian demo generate` writes to `DIR/register/`. Every name, address and number in it is
 * made up; telephone numbers are in Ofcom's range for drama, web and email addresses under
 * `.example`, which is never delegated.
 */
export const REGISTER_FILES: Readonly<Record<string, string>> = {
  'organisation.yaml': `# Larkspur Homes: a synthetic housing association made by \`custodian demo generate\`.
# Nothing here describes a real organisation.
controller:
  name: Larkspur Homes
  legal_name: Larkspur Homes Limited
  address: Larkspur House, 1 Canal Wharf, Birmingham, B1 2RA
  # Placeholder in the ICO's format.
  ico_registration: Z0000000
  public_authority: false
  dpo:
    name: Data Protection Officer
    role: Data Protection Officer
    email: dpo@larkspur-homes.example
    address: Larkspur Homes, Larkspur House, 1 Canal Wharf, Birmingham, B1 2RA
  accountable_person:
    name: Director of Governance
    role: Senior Information Risk Owner
    email: governance@larkspur-homes.example
  contact:
    name: Customer Services
    phone: 0121 496 0000
    email: customerservices@larkspur-homes.example
    url: https://www.larkspur-homes.example/privacy
  complaints:
    role: Data Protection Officer
    email: dpo@larkspur-homes.example
    address: Larkspur Homes, Larkspur House, 1 Canal Wharf, Birmingham, B1 2RA
  bank_holiday_divisions: [england-and-wales]

subject_categories:
  - id: tenants
    name: Tenants
    description: Our tenants and joint tenants, current and former
  - id: household-members
    name: Household members
    description: People who live with our tenants
  - id: customers
    name: Other customers
    description: People who contact us or take part in our activities without a tenancy, such as applicants, leaseholders and neighbours
  - id: people-in-cases
    name: People involved in cases
    description: >-
      People who report anti-social behaviour, witnesses, the people complained about, and adults
      we are worried about

audiences:
  - id: residents
    name: Tenants, residents and customers
    introduction: >-
      Larkspur Homes provides affordable homes to rent. This notice explains what we do with
      information about our tenants, the people who live with them and the people who contact us.
    subjects: [tenants, household-members, customers, people-in-cases]
`,

  'categories.yaml': `# The kinds of data in our systems, refining the built-in taxonomy.
data_categories:
  - id: name
    name: Names
    description: Your name, title and any previous names
    parent: contact-details
  - id: date-of-birth
    name: Date of birth
    parent: identifiers
  - id: national-insurance-number
    name: National Insurance number
    parent: identifiers
  - id: nhs-number
    name: NHS number
    parent: identifiers
  - id: reference-numbers
    name: Our reference numbers
    description: Your tenancy, rent account, customer and case numbers
    parent: identifiers
  - id: tenancy-records
    name: Tenancy records
    description: Your tenancy agreement, its dates and the home it is for
  - id: rent-payments
    name: Rent and payments
    description: Rent charged, payments made and the balance of your rent account
    parent: financial
  - id: repairs-records
    name: Repairs
    description: Repairs you report, when they are done and by whom
  - id: call-notes
    name: Notes of calls
    description: What you told us when you called and what we did about it
    parent: correspondence
  - id: asb-case-records
    name: Anti-social behaviour cases
    description: Reports of anti-social behaviour, what we found and what we did
    parent: case-records
  - id: alleged-offences
    name: Allegations of offences
    description: Allegations of crimes made in anti-social behaviour cases
    parent: criminal-offence
  - id: safeguarding-records
    name: Safeguarding records
    description: Concerns about the safety or wellbeing of adults at risk and what was done about them
    parent: case-records
  - id: health-and-wellbeing
    name: Health and wellbeing
    description: Your physical and mental health, where we record it because we are worried about your safety or wellbeing
    parent: health
  - id: event-attendance
    name: Event attendance
    description: The events you sign up for and whether you came
  - id: survey-responses
    name: Survey responses
    description: Your answers to our tenant satisfaction survey
`,

  'recipients.yaml': `systems:
  - id: housing
    name: Housing management system
    description: Tenants, tenancies, properties, rent accounts and repairs
    location: United Kingdom
    owner: Housing Services
  - id: crm
    name: Customer relationship management system
    description: Customer contacts, the call log and marketing preferences
    location: United Kingdom
    owner: Customer Services
  - id: casenotes
    name: Case-notes database
    description: Anti-social behaviour and safeguarding cases and their notes
    location: United Kingdom
    owner: Neighbourhoods and Safeguarding
  - id: spreadsheets
    name: Shared spreadsheets
    description: Event sign-up lists and survey exports
    location: United Kingdom
    owner: Community Engagement

recipients:
  - id: repairs-contractors
    name: Repairs contractors
    kind: processor
    description: The contractors who carry out repairs and maintenance in our homes
    contract: Repairs and maintenance framework contract RM-2024, with Art 28 terms
  - id: email-service
    name: Email newsletter service
    kind: processor
    description: The service that sends our residents' newsletter
    contract: Email service agreement with data processing terms, reference ESP-2025-01
  - id: survey-contractor
    name: Survey contractor
    kind: processor
    description: The research company that runs our tenant satisfaction survey
    contract: Survey services contract TSM-2025, with Art 28 terms
  - id: local-authorities
    name: Local councils
    kind: public-body
    description: Housing benefit, adult social care and community safety teams of the councils where our homes are
  - id: police
    name: The police
    kind: public-body
    description: Police forces, for crime and anti-social behaviour and when someone is at risk
  - id: dwp
    name: Department for Work and Pensions
    kind: public-body
    description: For the housing costs of Universal Credit
`,

  'activities/housing.yaml': `activities:
  - id: tenancy-management
    name: Managing your tenancy
    business_function: Housing Services
    audiences: [residents]
    subjects: [tenants, household-members]
    purposes:
      - To let and manage your home under your tenancy agreement
      - To know who lives in the home and how to contact you
    lawful_basis:
      article_6: contract
    data_categories:
      [name, contact-details, date-of-birth, national-insurance-number, reference-numbers, tenancy-records, household]
    sources: [data-subject]
    recipients: [local-authorities]
    retention:
      # Six years covers claims under the Limitation Act 1980 s.5.
      period: 6 years
      from: the end of your tenancy
      event: tenancy-ended
      then: delete
    security_measures: &measures
      - Role based access to each system, reviewed every quarter
      - Encryption of data in transit and at rest
      - Staff training in data protection every year
    systems: [housing, crm]
    requirement:
      kind: contractual
      consequence: We cannot grant or manage a tenancy without this information

  - id: rent-collection
    name: Collecting rent
    business_function: Income Management
    audiences: [residents]
    subjects: [tenants]
    purposes:
      - To charge and collect rent, and to help you if you fall behind
      - To claim the housing costs of Universal Credit with you
    lawful_basis:
      article_6: contract
    data_categories: [name, reference-numbers, rent-payments]
    sources: [data-subject, Department for Work and Pensions]
    recipients: [dwp]
    retention:
      # Accounting records: six years, as HMRC requires of company records.
      period: 6 years
      from: the date of each payment or charge
      event: transaction-date
      then: delete
    security_measures: *measures
    systems: [housing]
    requirement:
      kind: contractual
      consequence: We cannot run your rent account without this information

  - id: repairs
    name: Repairing your home
    business_function: Property Services
    audiences: [residents]
    subjects: [tenants]
    purposes:
      - To carry out the repairs we are responsible for as your landlord (Landlord and Tenant Act 1985 s.11)
      - To give our contractors the contact details they need to arrange a visit
    lawful_basis:
      article_6: contract
    data_categories: [name, contact-details, repairs-records]
    sources: [data-subject]
    recipients: [repairs-contractors]
    retention:
      period: 6 years
      from: the date the repair was completed
      event: repair-completed
      then: delete
    security_measures: *measures
    systems: [housing]
`,

  'activities/customer-contact.yaml': `activities:
  - id: customer-contact
    name: Answering your calls
    business_function: Customer Services
    audiences: [residents]
    subjects: [tenants, household-members, customers]
    purposes:
      - To answer your calls and deal with what you ask us
      - To keep a log of calls so that the next person you speak to knows what happened
    lawful_basis:
      article_6: legitimate-interests
      legitimate_interests: >-
        Dealing with what our customers ask of us, and knowing what was said before, so that
        nobody has to repeat themselves
      assessment: Legitimate interests assessment LIA-CS-01, customer contact and call logging
    data_categories: [name, contact-details, date-of-birth, reference-numbers, call-line-identification, call-notes]
    sources: [data-subject]
    retention:
      period: 2 years
      from: the date of the call
      event: call-date
      then: delete
    security_measures:
      - Role based access to the CRM, reviewed every quarter
      - Encryption of data in transit and at rest
    systems: [crm]

  - id: newsletter
    name: Sending you our residents' newsletter
    business_function: Communications
    audiences: [residents]
    subjects: [tenants, household-members, customers]
    purposes:
      - To send you our newsletter by email, text or post, if you have asked for it
    lawful_basis:
      article_6: consent
      consent_record: The marketing preferences in our CRM, with the channel, date and source of each consent
    data_categories: [name, contact-details, preferences]
    sources: [data-subject]
    recipients: [email-service]
    retention:
      until: you withdraw your consent
      event: consent-withdrawn
      then: delete
      # UK GDPR Art 21(3): an objection to direct marketing is kept so that it is honoured.
      exceptions: if you tell us not to contact you, we keep a note of that so that we do not contact you again
    security_measures:
      - Role based access to the CRM, reviewed every quarter
    systems: [crm]
    requirement:
      kind: voluntary
      consequence: Without your consent we do not send you the newsletter
`,

  'activities/cases.yaml': `activities:
  - id: anti-social-behaviour
    name: Dealing with anti-social behaviour
    business_function: Neighbourhoods
    audiences: [residents]
    subjects: [tenants, household-members, customers, people-in-cases]
    purposes:
      - To investigate reports of anti-social behaviour and take action under your tenancy agreement
      - To work with the police and the council's community safety team
    lawful_basis:
      article_6: legitimate-interests
      legitimate_interests: >-
        Our responsibilities as a landlord for the quiet enjoyment of their homes by all our
        tenants, and our duty to publish and follow a policy on anti-social behaviour (Housing Act
        1996 s.218A)
      assessment: Legitimate interests assessment LIA-NH-01, anti-social behaviour
    # Allegations of crimes arise in anti-social behaviour cases: DPA 2018 Sch 1 para 10.
    criminal_offence:
      schedule_1: sch1-p2-10
    data_categories: [name, contact-details, date-of-birth, reference-numbers, asb-case-records, alleged-offences]
    sources: [data-subject, neighbours and others who report anti-social behaviour, the police]
    recipients: [police, local-authorities]
    retention:
      period: 6 years
      from: the date the case is closed
      event: case-closed
      then: delete
    security_measures:
      - Access to case notes limited to the neighbourhoods and safeguarding teams
      - Encryption of data in transit and at rest
    systems: [casenotes]

  - id: safeguarding
    name: Safeguarding adults at risk
    business_function: Safeguarding
    audiences: [residents]
    subjects: [tenants, household-members, customers, people-in-cases]
    purposes:
      - To act when we are worried that someone is at risk of abuse, neglect or harm
      - To refer adults at risk to the council's adult social care team
    lawful_basis:
      # UK GDPR Art 6(1)(ea) and Annex 1 (Data (Use and Access) Act 2025): safeguarding vulnerable individuals.
      article_6: recognised-legitimate-interest
      annex_1: safeguarding
    # Health information in safeguarding notes: Art 9(2)(g) with DPA 2018 Sch 1 para 18.
    special_category:
      article_9: substantial-public-interest
      schedule_1: sch1-p2-18
    data_categories:
      [name, contact-details, date-of-birth, nhs-number, reference-numbers, safeguarding-records, health-and-wellbeing]
    sources: [data-subject, neighbours, family members, health and social care professionals]
    recipients: [local-authorities, police]
    retention:
      period: 6 years
      from: the date the case is closed
      event: case-closed
      then: review
    security_measures:
      - Access to safeguarding cases limited to the safeguarding team
      - Encryption of data in transit and at rest
    systems: [casenotes]
    dpia:
      required: true
      status: complete
      reference: DPIA-SG-2025
`,

  'activities/engagement.yaml': `activities:
  - id: community-events
    name: Running community events
    business_function: Community Engagement
    audiences: [residents]
    subjects: [tenants, household-members, customers]
    purposes:
      - To organise the events you sign up for and know who came
    lawful_basis:
      article_6: legitimate-interests
      legitimate_interests: Running events for our residents and knowing how many people they reach
      assessment: Legitimate interests assessment LIA-CE-01, community events
    data_categories: [name, contact-details, event-attendance]
    sources: [data-subject]
    retention:
      period: 1 year
      from: the date of the event
      event: event-date
      then: delete
    security_measures:
      - Sign-up lists kept in a shared folder open only to the community engagement team
    systems: [spreadsheets]

  - id: tenant-survey
    name: Asking tenants what they think of our services
    business_function: Customer Insight
    audiences: [residents]
    subjects: [tenants]
    purposes:
      - To measure tenant satisfaction as the Regulator of Social Housing's Tenant Satisfaction Measures Standard requires, and to improve our services
    lawful_basis:
      article_6: legitimate-interests
      legitimate_interests: >-
        Meeting the Tenant Satisfaction Measures Standard and learning what our tenants think of
        our services
      assessment: Legitimate interests assessment LIA-CI-01, tenant survey
    data_categories: [name, contact-details, date-of-birth, reference-numbers, survey-responses]
    sources: [data-subject]
    recipients: [survey-contractor]
    retention:
      period: 2 years
      from: the date of the survey
      event: survey-date
      then: anonymise
    security_measures:
      - Survey exports kept in a shared folder open only to the customer insight team
    systems: [spreadsheets]
`,
};
