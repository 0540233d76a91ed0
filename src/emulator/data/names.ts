/**
 * Name pools for generated people, by locale. Real directories are international: mixing
 * scripts-with-diacritics, apostrophes, hyphens and particles ("van der", "O'Brien") is what
 * exercises search, sorting and email derivation in the console.
 */
export interface NamePool {
  locale: string;
  first: readonly string[];
  last: readonly string[];
}

// prettier-ignore
export const NAME_POOLS: readonly NamePool[] = [
  {
    locale: 'en-US',
    first: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Kimberly'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', "O'Brien", 'McDonald', 'Baker-Hughes'],
  },
  {
    locale: 'es-ES',
    first: ['María', 'José', 'Lucía', 'Javier', 'Carmen', 'Alejandro', 'Sofía', 'Pablo', 'Elena', 'Sergio', 'Marta', 'Álvaro', 'Paula', 'Diego', 'Nerea', 'Íñigo'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Muñoz', 'Álvarez'],
  },
  {
    locale: 'de-DE',
    first: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Maximilian', 'Hannah', 'Felix', 'Lena', 'Paul', 'Johanna', 'Jürgen', 'Sören', 'Katharina', 'Moritz', 'Greta', 'Björn'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'von Bergen'],
  },
  {
    locale: 'fr-FR',
    first: ['Camille', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Gabriel', 'Inès', 'Raphaël', 'Zoé', 'Théo', 'Élodie', 'Jean-Baptiste', 'Anaïs', 'François', 'Océane'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garnier', 'Chevalier'],
  },
  {
    locale: 'nl-NL',
    first: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Bram', 'Sanne', 'Thijs', 'Fleur', 'Joost', 'Anouk'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'van der Meer'],
  },
  {
    locale: 'pt-BR',
    first: ['João', 'Ana', 'Pedro', 'Beatriz', 'Gustavo', 'Larissa', 'Rafael', 'Juliana', 'Thiago', 'Camila', 'Vinícius', 'Letícia'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gonçalves', 'Araújo', 'Conceição'],
  },
  {
    locale: 'pl-PL',
    first: ['Jakub', 'Zofia', 'Kacper', 'Małgorzata', 'Michał', 'Agnieszka', 'Łukasz', 'Katarzyna', 'Wojciech', 'Magdalena'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak'],
  },
  {
    locale: 'sv-SE',
    first: ['Oskar', 'Maja', 'Erik', 'Astrid', 'Lars', 'Ingrid', 'Nils', 'Sigrid', 'Måns', 'Åsa'],
    last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Lindström', 'Öberg'],
  },
  {
    locale: 'ja-JP',
    first: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Takumi', 'Sakura', 'Kenji', 'Yuki', 'Daiki', 'Mei'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'],
  },
  {
    locale: 'zh-CN',
    first: ['Wei', 'Fang', 'Jing', 'Lei', 'Min', 'Xiaoming', 'Yan', 'Hao', 'Li Na', 'Jun', 'Mei Ling', 'Zhiwei'],
    last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'],
  },
  {
    locale: 'ko-KR',
    first: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Do-yun', 'Ji-woo', 'Eun-ji', 'Hyun-woo'],
    last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon'],
  },
  {
    locale: 'hi-IN',
    first: ['Aarav', 'Priya', 'Vivaan', 'Ananya', 'Arjun', 'Diya', 'Rohan', 'Kavya', 'Sai', 'Ishita', 'Rahul', 'Neha', 'Venkatesh', 'Lakshmi'],
    last: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Chatterjee', 'Venkataraman', 'Banerjee'],
  },
  {
    locale: 'ar',
    first: ['Mohammed', 'Fatima', 'Ahmed', 'Aisha', 'Omar', 'Layla', 'Youssef', 'Mariam', 'Khalid', 'Noor'],
    last: ['Al-Sayed', 'Haddad', 'Khalil', 'Mansour', 'Nasser', 'El-Amin', 'Saleh', 'Farouk', 'Aziz', 'Hamdan'],
  },
  {
    locale: 'tr-TR',
    first: ['Mehmet', 'Ayşe', 'Mustafa', 'Zeynep', 'Emre', 'Elif', 'Burak', 'Şeyma', 'Çağlar', 'Gül'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan'],
  },
  {
    locale: 'yo-NG',
    first: ['Adebayo', 'Chiamaka', 'Oluwaseun', 'Ngozi', 'Emeka', 'Funmilayo', 'Tunde', 'Aisha', 'Chinedu', 'Yetunde'],
    last: ['Okafor', 'Adeyemi', 'Okonkwo', 'Balogun', 'Eze', 'Ogunleye', 'Nwosu', 'Abiodun', 'Afolabi', 'Obi'],
  },
];

/** Total distinct (locale, first, last) combinations; names are drawn as a bijection over these. */
export const NAME_COMBINATIONS = NAME_POOLS.reduce((sum, p) => sum + p.first.length * p.last.length, 0);

export interface GeneratedName {
  locale: string;
  first: string;
  last: string;
}

/** The k-th name combination (0 ≤ k < NAME_COMBINATIONS). */
export function nameAt(k: number): GeneratedName {
  let rest = k % NAME_COMBINATIONS;
  for (const pool of NAME_POOLS) {
    const size = pool.first.length * pool.last.length;
    if (rest < size) {
      return {
        locale: pool.locale,
        first: pool.first[rest % pool.first.length] as string,
        last: pool.last[Math.floor(rest / pool.first.length)] as string,
      };
    }
    rest -= size;
  }
  throw new Error('unreachable: name index out of range');
}

const emailSafeCache = new Map<string, string>();

/** ASCII form for email local parts: "Müller" → "muller", "O'Brien" → "obrien", "van der Meer" → "vandermeer". */
export function emailSafe(text: string): string {
  const cached = emailSafeCache.get(text);
  if (cached !== undefined) return cached;
  const safe = toAscii(text);
  // Names come from small pools (plus a few scenario surnames), so this stays tiny.
  if (emailSafeCache.size < 10_000) emailSafeCache.set(text, safe);
  return safe;
}

function toAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/[ıİ]/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
