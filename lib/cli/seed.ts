import { DEMO_USERS } from "../db/demo-users";
import { getDatabase } from "../server/database/app-database";
import { seedDemoData } from "../server/seed/seed-demo-data";

/** `npm run db:seed`: demo users and the sample article, into whichever database is configured. */
async function main() {
  const { prisma, kind } = await getDatabase();
  const { users, articles } = await seedDemoData(prisma);
  console.log(`Seeded ${kind}: ${users} user(s), ${articles} article(s).`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email}  /  ${u.password}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
