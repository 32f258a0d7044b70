import { Command, Option } from 'commander'
import { loadConfig } from './config.js'
import { openDatabase } from './db/index.js'
import { refreshPlannerStatistics } from './db/dialects/index.js'
import { migrateToLatest } from './db/migrations/index.js'
import { systemClock } from './lib/clock.js'
import { createUser } from './modules/identity/index.js'
import { addStaffMember, findShopBySlug } from './modules/shops/index.js'
import { progressBar, runWorker, serve } from './main.js'

const program = new Command('comptoir')
  .description(
    'Comptoir — les commerces de la ville en ligne, ensemble.\nConfiguration par variables d’environnement : voir docs/configuration.md.',
  )
  .showHelpAfterError()

program
  .command('serve')
  .description('Sert le site et l’API (migre la base, crée la ville de démonstration au premier démarrage)')
  .option(
    '--without-worker',
    'ne lance pas le travail en arrière-plan (quand « comptoir worker » tourne à part)',
  )
  .action(async (options: { withoutWorker?: boolean }) =>
    serve(loadConfig(), { withWorker: !options.withoutWorker }),
  )

program
  .command('worker')
  .description(
    'Lance seulement le travail en arrière-plan : e-mails, encaissements au retrait, commandes non retirées',
  )
  .action(async () => runWorker(loadConfig()))

program
  .command('migrate')
  .description('Met la base de données à jour puis s’arrête')
  .action(async () => {
    const { db, engine, close } = openDatabase(loadConfig().databaseUrl)
    const applied = await migrateToLatest(db)
    console.log(
      applied.length > 0
        ? `Migrations appliquées (${engine}) : ${applied.join(', ')}`
        : `Base déjà à jour (${engine}).`,
    )
    await close()
  })

program
  .command('seed-demo')
  .description('Crée la ville de démonstration (10 commerces, plus de 300 produits) dans une base vide')
  .action(async () => {
    const config = loadConfig()
    const { db, close } = openDatabase(config.databaseUrl)
    await migrateToLatest(db)
    const { isDemoTownSeeded, seedDemoTown } = await import('./demo/seed-demo-town.js')
    if (await isDemoTownSeeded(db)) {
      console.log('La base contient déjà des commerces : rien à faire.')
    } else {
      const result = await seedDemoTown(
        { db, clock: systemClock, mediaDir: config.mediaDir },
        { onProgress: progressBar('Catalogue') },
      )
      await refreshPlannerStatistics(db)
      console.log(
        `\n${result.shops} commerces, ${result.products} produits et ${result.orders} commandes de démonstration créés.`,
      )
      for (const user of result.users)
        console.log(`  ${user.role.padEnd(12)} ${user.email}  /  ${user.password}`)
    }
    await close()
  })

program
  .command('create-user')
  .description('Crée un compte (habitant, coordinateur, ou équipe d’un commerce)')
  .requiredOption('--email <email>', 'adresse e-mail')
  .requiredOption('--name <name>', 'nom affiché')
  .option('--password <password>', 'mot de passe (sinon lu dans COMPTOIR_PASSWORD)')
  .addOption(
    new Option('--role <role>', 'rôle')
      .choices(['resident', 'coordinator', 'owner', 'staff'])
      .default('resident'),
  )
  .option('--shop <slug>', 'commerce (pour les rôles owner et staff)')
  .action(
    async (options: { email: string; name: string; password?: string; role: string; shop?: string }) => {
      const password = options.password ?? process.env.COMPTOIR_PASSWORD
      if (!password) return program.error('Indiquez --password ou la variable COMPTOIR_PASSWORD.')
      const isStaff = options.role === 'owner' || options.role === 'staff'
      if (isStaff && !options.shop) program.error('Les rôles owner et staff demandent --shop <slug>.')
      const { db, close } = openDatabase(loadConfig().databaseUrl)
      try {
        await migrateToLatest(db)
        const shop = options.shop ? await findShopBySlug(db, options.shop) : undefined
        if (isStaff && !shop) program.error(`Aucun commerce « ${options.shop} ».`)
        const user = await createUser(
          { db, clock: systemClock },
          {
            email: options.email,
            password,
            displayName: options.name,
            role: options.role === 'coordinator' ? 'coordinator' : 'resident',
          },
        )
        if (shop && isStaff) await addStaffMember(db, shop.id, user.id, options.role as 'owner' | 'staff')
        console.log(`Compte créé : ${user.email} (${options.role}${shop ? `, ${shop.name}` : ''})`)
      } finally {
        await close()
      }
    },
  )

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
