/**
 * The organization profile (design.md §7): who the person is referred to and which public
 * resources are shown. A JSON file whose path comes from `ORG_PROFILE`; checked with zod.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const bilingual = z.object({ en: z.string().min(1).max(300), es: z.string().min(1).max(300) });
const resource = z.object({ show: z.boolean(), url: z.url() });

export const orgProfileSchema = z
  .object({
    name: bilingual,
    phone: z.string().min(3).max(40),
    urgentPhone: z.string().min(3).max(40),
    hours: bilingual,
    intakeUrl: z.url().optional(),
    takingNewCases: z.boolean(),
    /** Where the web chat's quick-exit button leaves to: a neutral site. */
    quickExitUrl: z.url({ protocol: /^https?$/ }).default('https://www.weather.gov/'),
    /**
     * Who publishes the Teams app (the manifest's developer block, shown on the app's page in Teams).
     * Needed only by `npm run teams:package`.
     */
    publisher: z
      .object({
        name: z.string().min(1).max(32),
        websiteUrl: z.url({ protocol: /^https$/ }),
        privacyUrl: z.url({ protocol: /^https$/ }),
        termsOfUseUrl: z.url({ protocol: /^https$/ }),
      })
      .strict()
      .optional(),
    resources: z.object({
      immigrationEquality: resource,
      eoirProBono: resource,
      recognizedOrgs: resource,
      immigrationAdvocatesNetwork: resource,
      aila: resource,
      stateBar: resource,
    }),
  })
  .strict();

export type OrgProfile = z.infer<typeof orgProfileSchema>;

export function loadOrgProfile(file: string): OrgProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the organization profile ${file}: ${(err as Error).message}`);
  }
  const parsed = orgProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid organization profile ${file}: ${issues}`);
  }
  return parsed.data;
}
