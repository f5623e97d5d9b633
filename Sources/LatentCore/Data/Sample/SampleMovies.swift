/// The real, well-known movies that the sample generator rates: `year;title;genres;series`.
/// Titles follow MovieLens (articles moved to the end); `series` groups sequels so that the
/// planted model gives them a shared taste of their own.
enum SampleMovies {
    static let table = """
1977;Star Wars: Episode IV - A New Hope;Action|Adventure|Sci-Fi;starwars
1980;Star Wars: Episode V - The Empire Strikes Back;Action|Adventure|Sci-Fi;starwars
1983;Star Wars: Episode VI - Return of the Jedi;Action|Adventure|Sci-Fi;starwars
1999;Star Wars: Episode I - The Phantom Menace;Action|Adventure|Sci-Fi;starwars
2002;Star Wars: Episode II - Attack of the Clones;Action|Adventure|Sci-Fi;starwars
2005;Star Wars: Episode III - Revenge of the Sith;Action|Adventure|Sci-Fi;starwars
2015;Star Wars: Episode VII - The Force Awakens;Action|Adventure|Sci-Fi|IMAX;starwars
2016;Rogue One: A Star Wars Story;Action|Adventure|Sci-Fi;starwars
2017;Star Wars: The Last Jedi;Action|Adventure|Sci-Fi;starwars
2001;Lord of the Rings: The Fellowship of the Ring, The;Adventure|Fantasy;lotr
2002;Lord of the Rings: The Two Towers, The;Adventure|Fantasy;lotr
2003;Lord of the Rings: The Return of the King, The;Action|Adventure|Drama|Fantasy;lotr
2012;Hobbit: An Unexpected Journey, The;Adventure|Fantasy|IMAX;lotr
2013;Hobbit: The Desolation of Smaug, The;Adventure|Fantasy|IMAX;lotr
2014;Hobbit: The Battle of the Five Armies, The;Adventure|Fantasy;lotr
2001;Harry Potter and the Sorcerer's Stone;Adventure|Children|Fantasy;potter
2002;Harry Potter and the Chamber of Secrets;Adventure|Fantasy;potter
2004;Harry Potter and the Prisoner of Azkaban;Adventure|Fantasy|IMAX;potter
2005;Harry Potter and the Goblet of Fire;Adventure|Fantasy|Thriller|IMAX;potter
2007;Harry Potter and the Order of the Phoenix;Adventure|Drama|Fantasy|IMAX;potter
2009;Harry Potter and the Half-Blood Prince;Adventure|Fantasy|Mystery|Romance|IMAX;potter
2010;Harry Potter and the Deathly Hallows: Part 1;Action|Adventure|Fantasy|IMAX;potter
2011;Harry Potter and the Deathly Hallows: Part 2;Action|Adventure|Drama|Fantasy|Mystery|IMAX;potter
1972;Godfather, The;Crime|Drama;godfather
1974;Godfather: Part II, The;Crime|Drama;godfather
1990;Godfather: Part III, The;Crime|Drama|Mystery|Thriller;godfather
1999;Matrix, The;Action|Sci-Fi|Thriller;matrix
2003;Matrix Reloaded, The;Action|Adventure|Sci-Fi|Thriller|IMAX;matrix
2003;Matrix Revolutions, The;Action|Adventure|Sci-Fi|Thriller|IMAX;matrix
1981;Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark);Action|Adventure;indy
1984;Indiana Jones and the Temple of Doom;Action|Adventure|Fantasy;indy
1989;Indiana Jones and the Last Crusade;Action|Adventure;indy
2008;Indiana Jones and the Kingdom of the Crystal Skull;Action|Adventure|Comedy|Sci-Fi;indy
1985;Back to the Future;Adventure|Comedy|Sci-Fi;bttf
1989;Back to the Future Part II;Adventure|Comedy|Sci-Fi;bttf
1990;Back to the Future Part III;Adventure|Comedy|Sci-Fi|Western;bttf
1995;Toy Story;Adventure|Animation|Children|Comedy|Fantasy;toystory
1999;Toy Story 2;Adventure|Animation|Children|Comedy|Fantasy;toystory
2010;Toy Story 3;Adventure|Animation|Children|Comedy|Fantasy|IMAX;toystory
2019;Toy Story 4;Adventure|Animation|Children|Comedy;toystory
1979;Alien;Horror|Sci-Fi;alien
1986;Aliens;Action|Adventure|Horror|Sci-Fi;alien
1992;Alien³ (a.k.a. Alien 3);Action|Horror|Sci-Fi|Thriller;alien
1997;Alien: Resurrection;Action|Horror|Sci-Fi;alien
2012;Prometheus;Action|Horror|Sci-Fi|IMAX;alien
1984;Terminator, The;Action|Sci-Fi|Thriller;terminator
1991;Terminator 2: Judgment Day;Action|Sci-Fi;terminator
2003;Terminator 3: Rise of the Machines;Action|Adventure|Sci-Fi;terminator
2009;Terminator Salvation;Action|Adventure|Sci-Fi|Thriller;terminator
1993;Jurassic Park;Action|Adventure|Sci-Fi|Thriller;jurassic
1997;Lost World: Jurassic Park, The;Action|Adventure|Sci-Fi|Thriller;jurassic
2001;Jurassic Park III;Action|Adventure|Sci-Fi|Thriller;jurassic
2015;Jurassic World;Action|Adventure|Drama|Sci-Fi|Thriller;jurassic
2002;Bourne Identity, The;Action|Mystery|Thriller;bourne
2004;Bourne Supremacy, The;Action|Crime|Thriller;bourne
2007;Bourne Ultimatum, The;Action|Crime|Thriller;bourne
1989;Batman;Action|Crime|Thriller;batman
1992;Batman Returns;Action|Crime;batman
1995;Batman Forever;Action|Adventure|Comedy|Crime;batman
1997;Batman & Robin;Action|Adventure|Fantasy|Thriller;batman
2005;Batman Begins;Action|Crime|IMAX;darkknight
2008;Dark Knight, The;Action|Crime|Drama|IMAX;darkknight
2012;Dark Knight Rises, The;Action|Adventure|Crime|IMAX;darkknight
1996;Mission: Impossible;Action|Adventure|Mystery|Thriller;mi
2000;Mission: Impossible II;Action|Adventure|Thriller;mi
2006;Mission: Impossible III;Action|Adventure|Thriller;mi
2011;Mission: Impossible - Ghost Protocol;Action|Adventure|Thriller|IMAX;mi
2015;Mission: Impossible - Rogue Nation;Action|Adventure|Thriller;mi
2018;Mission: Impossible - Fallout;Action|Adventure|Thriller;mi
2003;Pirates of the Caribbean: The Curse of the Black Pearl;Action|Adventure|Comedy|Fantasy;pirates
2006;Pirates of the Caribbean: Dead Man's Chest;Action|Adventure|Fantasy;pirates
2007;Pirates of the Caribbean: At World's End;Action|Adventure|Comedy|Fantasy;pirates
2011;Pirates of the Caribbean: On Stranger Tides;Action|Adventure|Fantasy|IMAX;pirates
2001;Shrek;Adventure|Animation|Children|Comedy|Fantasy|Romance;shrek
2004;Shrek 2;Adventure|Animation|Children|Comedy|Musical|Romance;shrek
2007;Shrek the Third;Adventure|Animation|Children|Comedy|Fantasy;shrek
2010;Shrek Forever After (a.k.a. Shrek: The Final Chapter);Adventure|Animation|Children|Comedy|Fantasy|IMAX;shrek
2000;X-Men;Action|Adventure|Sci-Fi;xmen
2003;X2: X-Men United;Action|Adventure|Sci-Fi|Thriller;xmen
2006;X-Men: The Last Stand;Action|Sci-Fi|Thriller;xmen
2011;X-Men: First Class;Action|Adventure|Sci-Fi|Thriller|War;xmen
2014;X-Men: Days of Future Past;Action|Adventure|Sci-Fi;xmen
2017;Logan;Action|Sci-Fi;xmen
2008;Iron Man;Action|Adventure|Sci-Fi;marvel
2010;Iron Man 2;Action|Adventure|Sci-Fi|Thriller|IMAX;marvel
2013;Iron Man 3;Action|Sci-Fi|Thriller|IMAX;marvel
2011;Thor;Action|Adventure|Drama|Fantasy|IMAX;marvel
2011;Captain America: The First Avenger;Action|Adventure|Sci-Fi|Thriller|War;marvel
2012;Avengers, The;Action|Adventure|Sci-Fi|IMAX;marvel
2014;Captain America: The Winter Soldier;Action|Adventure|Sci-Fi|IMAX;marvel
2014;Guardians of the Galaxy;Action|Adventure|Sci-Fi;marvel
2015;Avengers: Age of Ultron;Action|Adventure|Sci-Fi;marvel
2016;Captain America: Civil War;Action|Sci-Fi|Thriller;marvel
2016;Doctor Strange;Action|Adventure|Sci-Fi;marvel
2017;Thor: Ragnarok;Action|Adventure|Sci-Fi;marvel
2018;Black Panther;Action|Adventure|Sci-Fi;marvel
2018;Avengers: Infinity War - Part I;Action|Adventure|Sci-Fi;marvel
2019;Avengers: Endgame;Action|Adventure|Sci-Fi;marvel
2002;Spider-Man;Action|Adventure|Sci-Fi|Thriller;spiderman
2004;Spider-Man 2;Action|Adventure|Sci-Fi|IMAX;spiderman
2007;Spider-Man 3;Action|Adventure|Sci-Fi|Thriller|IMAX;spiderman
2017;Spider-Man: Homecoming;Action|Adventure|Sci-Fi;spiderman
2018;Spider-Man: Into the Spider-Verse;Action|Adventure|Animation|Sci-Fi;spiderman
1962;Dr. No;Action|Adventure|Thriller;bond
1964;Goldfinger;Action|Adventure|Thriller;bond
1963;From Russia with Love;Action|Adventure|Thriller;bond
1977;Spy Who Loved Me, The;Action|Adventure|Thriller;bond
1979;Moonraker;Action|Adventure|Sci-Fi;bond
1995;GoldenEye;Action|Adventure|Thriller;bond
1997;Tomorrow Never Dies;Action|Adventure|Thriller;bond
2006;Casino Royale;Action|Adventure|Thriller;bond
2008;Quantum of Solace;Action|Adventure|Thriller;bond
2012;Skyfall;Action|Adventure|Thriller|IMAX;bond
2015;Spectre;Action|Adventure|Crime;bond
1976;Rocky;Drama;rocky
1979;Rocky II;Action|Drama;rocky
1982;Rocky III;Action|Drama;rocky
1985;Rocky IV;Action|Drama;rocky
2015;Creed;Drama;rocky
1988;Die Hard;Action|Crime|Thriller;diehard
1990;Die Hard 2;Action|Adventure|Thriller;diehard
1995;Die Hard: With a Vengeance;Action|Crime|Thriller;diehard
1987;Lethal Weapon;Action|Comedy|Crime|Drama;lethal
1989;Lethal Weapon 2;Action|Comedy|Crime|Drama;lethal
1992;Lethal Weapon 3;Action|Comedy|Crime|Drama;lethal
2002;Ice Age;Adventure|Animation|Children|Comedy;iceage
2006;Ice Age 2: The Meltdown;Adventure|Animation|Children|Comedy;iceage
2009;Ice Age: Dawn of the Dinosaurs;Action|Adventure|Animation|Children|Comedy|Romance;iceage
1979;Mad Max;Action|Adventure|Sci-Fi;madmax
1981;Road Warrior, The (Mad Max 2);Action|Adventure|Sci-Fi|Thriller;madmax
2015;Mad Max: Fury Road;Action|Adventure|Sci-Fi|Thriller;madmax
2012;Hunger Games, The;Action|Adventure|Drama|Sci-Fi|Thriller;hunger
2013;Hunger Games: Catching Fire, The;Action|Adventure|Sci-Fi|IMAX;hunger
2014;Hunger Games: Mockingjay - Part 1, The;Adventure|Sci-Fi|Thriller;hunger
2008;Twilight;Drama|Fantasy|Romance|Thriller;twilight
2009;Twilight Saga: New Moon, The;Drama|Fantasy|Horror|Romance|Thriller;twilight
2010;Twilight Saga: Eclipse, The;Fantasy|Romance|Thriller|IMAX;twilight
1984;Ghostbusters (a.k.a. Ghost Busters);Action|Comedy|Sci-Fi;ghostbusters
1989;Ghostbusters II;Comedy|Fantasy|Sci-Fi;ghostbusters
1997;Men in Black (a.k.a. MIB);Action|Comedy|Sci-Fi;mib
2002;Men in Black II (a.k.a. MIIB) (a.k.a. MIB 2);Action|Comedy|Sci-Fi;mib
2012;Men in Black III (M.III.B.) (M.I.B.³);Action|Comedy|Sci-Fi|IMAX;mib
1999;Austin Powers: The Spy Who Shagged Me;Action|Adventure|Comedy;austin
1997;Austin Powers: International Man of Mystery;Action|Adventure|Comedy;austin
2002;Austin Powers in Goldmember;Comedy;austin
2009;Hangover, The;Comedy|Crime;hangover
2011;Hangover Part II, The;Comedy;hangover
1990;Home Alone;Children|Comedy;homealone
1992;Home Alone 2: Lost in New York;Children|Comedy;homealone
2001;Fast and the Furious, The;Action|Crime|Thriller;furious
2011;Fast Five (Fast and the Furious 5, The);Action|Crime|Drama|Thriller|IMAX;furious
2015;Furious 7 (Fast & Furious 7);Action|Crime|Thriller;furious
2004;Incredibles, The;Action|Adventure|Animation|Children|Comedy;incredibles
2018;Incredibles 2;Action|Adventure|Animation|Children;incredibles
2003;Finding Nemo;Adventure|Animation|Children|Comedy;nemo
2016;Finding Dory;Adventure|Animation|Comedy;nemo
2001;Monsters, Inc.;Adventure|Animation|Children|Comedy|Fantasy;monsters
2013;Monsters University;Adventure|Animation|Comedy;monsters
2004;Kill Bill: Vol. 2;Action|Drama|Thriller;killbill
2003;Kill Bill: Vol. 1;Action|Crime|Thriller;killbill
1994;Pulp Fiction;Comedy|Crime|Drama|Thriller;
1994;Shawshank Redemption, The;Crime|Drama;
1994;Forrest Gump;Comedy|Drama|Romance|War;
1991;Silence of the Lambs, The;Crime|Horror|Thriller;
1999;Fight Club;Action|Crime|Drama|Thriller;
1993;Schindler's List;Drama|War;
1995;Usual Suspects, The;Crime|Mystery|Thriller;
1998;Saving Private Ryan;Action|Drama|War;
1999;American Beauty;Drama|Romance;
1995;Braveheart;Action|Drama|War;
1995;Seven (a.k.a. Se7en);Mystery|Thriller;
1999;Sixth Sense, The;Drama|Horror|Mystery;
1997;Titanic;Drama|Romance;
1994;Lion King, The;Adventure|Animation|Children|Drama|Musical|IMAX;
1992;Aladdin;Adventure|Animation|Children|Comedy|Musical;
1991;Beauty and the Beast;Animation|Children|Fantasy|Musical|Romance|IMAX;
1989;Little Mermaid, The;Animation|Children|Comedy|Musical|Romance;
1937;Snow White and the Seven Dwarfs;Animation|Children|Drama|Fantasy|Musical;
1940;Pinocchio;Animation|Children|Fantasy|Musical;
1940;Fantasia;Animation|Children|Fantasy|Musical;
1950;Cinderella;Animation|Children|Fantasy|Musical|Romance;
1959;Sleeping Beauty;Animation|Children|Musical;
1961;One Hundred and One Dalmatians;Adventure|Animation|Children;
1967;Jungle Book, The;Animation|Children|Comedy|Musical;
1995;Pocahontas;Animation|Children|Drama|Musical|Romance;
1996;Hunchback of Notre Dame, The;Animation|Children|Drama|Musical|Romance;
1997;Hercules;Adventure|Animation|Children|Comedy|Musical;
1998;Mulan;Adventure|Animation|Children|Comedy|Drama|Musical|Romance;
1999;Tarzan;Adventure|Animation|Children|Drama;
1998;Bug's Life, A;Adventure|Animation|Children|Comedy;
2008;WALL·E;Adventure|Animation|Children|Romance|Sci-Fi;
2009;Up;Adventure|Animation|Children|Drama;
2007;Ratatouille;Animation|Children|Drama;
2006;Cars;Animation|Children|Comedy;
2015;Inside Out;Adventure|Animation|Children|Comedy|Drama|Fantasy;
2017;Coco;Adventure|Animation|Children;
2013;Frozen;Adventure|Animation|Comedy|Fantasy|Musical|Romance;
2016;Zootopia;Action|Adventure|Animation|Children|Comedy;
2016;Moana;Adventure|Animation|Children|Comedy|Fantasy;
2010;Tangled;Animation|Children|Comedy|Fantasy|Musical|Romance|IMAX;
2012;Wreck-It Ralph;Animation|Comedy;
2010;How to Train Your Dragon;Adventure|Animation|Children|Fantasy|IMAX;
2008;Kung Fu Panda;Action|Animation|Children|Comedy|IMAX;
2010;Despicable Me;Animation|Children|Comedy|Crime;
2014;Big Hero 6;Action|Animation|Comedy;
2014;Lego Movie, The;Action|Adventure|Animation|Children|Comedy|Fantasy;
2001;Spirited Away (Sen to Chihiro no kamikakushi);Adventure|Animation|Fantasy;
1997;Princess Mononoke (Mononoke-hime);Action|Adventure|Animation|Drama|Fantasy;
1988;My Neighbor Totoro (Tonari no Totoro);Animation|Children|Drama|Fantasy;
2004;Howl's Moving Castle (Hauru no ugoku shiro);Adventure|Animation|Fantasy|Romance;
1988;Akira;Action|Adventure|Animation|Sci-Fi;
1995;Ghost in the Shell (Kôkaku kidôtai);Animation|Sci-Fi;
1988;Grave of the Fireflies (Hotaru no haka);Animation|Drama|War;
1989;Kiki's Delivery Service (Majo no takkyûbin);Adventure|Animation|Children|Drama|Fantasy;
2000;Chicken Run;Animation|Children|Comedy;
1993;Nightmare Before Christmas, The;Animation|Children|Fantasy|Musical;
2005;Wallace & Gromit in The Curse of the Were-Rabbit;Adventure|Animation|Children|Comedy;
1977;Close Encounters of the Third Kind;Adventure|Drama|Sci-Fi;
1982;E.T. the Extra-Terrestrial;Children|Drama|Sci-Fi;
1975;Jaws;Action|Horror;
1982;Blade Runner;Action|Sci-Fi|Thriller;
2017;Blade Runner 2049;Sci-Fi;
1968;2001: A Space Odyssey;Adventure|Drama|Sci-Fi;
1971;Clockwork Orange, A;Crime|Drama|Sci-Fi|Thriller;
1980;Shining, The;Horror;
1987;Full Metal Jacket;Drama|War;
1964;Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb;Comedy|War;
1999;Eyes Wide Shut;Drama|Mystery|Thriller;
1975;Barry Lyndon;Drama|Romance|War;
1960;Spartacus;Action|Drama|Romance|War;
1979;Apocalypse Now;Action|Drama|War;
1978;Deer Hunter, The;Drama|War;
1986;Platoon;Drama|War;
1976;Taxi Driver;Crime|Drama|Thriller;
1980;Raging Bull;Drama;
1990;Goodfellas;Crime|Drama;
1995;Casino;Crime|Drama;
2006;Departed, The;Crime|Drama|Thriller;
2010;Shutter Island;Drama|Mystery|Thriller;
2013;Wolf of Wall Street, The;Comedy|Crime|Drama;
2004;Aviator, The;Drama;
2002;Gangs of New York;Crime|Drama;
1991;Cape Fear;Thriller;
1983;Scarface;Action|Crime|Drama;
1987;Untouchables, The;Action|Crime|Drama;
1995;Heat;Action|Crime|Thriller;
1992;Reservoir Dogs;Crime|Mystery|Thriller;
1997;Jackie Brown;Crime|Drama|Thriller;
2009;Inglourious Basterds;Action|Drama|War;
2012;Django Unchained;Action|Drama|Western;
2015;Hateful Eight, The;Western;
2019;Once Upon a Time in Hollywood;Comedy|Drama;
1996;Fargo;Comedy|Crime|Drama|Thriller;
1998;Big Lebowski, The;Comedy|Crime;
2007;No Country for Old Men;Crime|Drama;
2000;O Brother, Where Art Thou?;Adventure|Comedy|Crime;
1987;Raising Arizona;Comedy;
1990;Miller's Crossing;Crime|Drama|Film-Noir|Thriller;
2010;True Grit;Western;
2013;Inside Llewyn Davis;Drama;
1984;Blood Simple;Crime|Drama|Film-Noir;
2008;Burn After Reading;Comedy|Crime|Drama;
2010;Inception;Action|Crime|Drama|Mystery|Sci-Fi|Thriller|IMAX;
2000;Memento;Mystery|Thriller;
2006;Prestige, The;Drama|Mystery|Sci-Fi|Thriller;
2014;Interstellar;Sci-Fi|IMAX;
2017;Dunkirk;Action|Drama|Thriller|War;
2002;Insomnia;Action|Crime|Drama|Mystery|Thriller;
2020;Tenet;Action|Sci-Fi|Thriller;
1997;Good Will Hunting;Drama|Romance;
2001;Beautiful Mind, A;Drama|Romance;
1999;Green Mile, The;Crime|Drama;
1998;Truman Show, The;Comedy|Drama|Sci-Fi;
2004;Eternal Sunshine of the Spotless Mind;Drama|Romance|Sci-Fi;
1999;Being John Malkovich;Comedy|Drama|Fantasy;
2002;Adaptation.;Comedy|Drama|Romance;
2003;Lost in Translation;Comedy|Drama|Romance;
1999;Magnolia;Drama;
1997;Boogie Nights;Drama;
2007;There Will Be Blood;Drama|Western;
2012;Master, The;Drama;
2014;Birdman: Or (The Unexpected Virtue of Ignorance);Comedy|Drama;
2014;Whiplash;Drama;
2016;La La Land;Comedy|Drama|Romance;
2016;Moonlight;Drama;
2014;Grand Budapest Hotel, The;Comedy|Drama;
2001;Royal Tenenbaums, The;Comedy|Drama;
1998;Rushmore;Comedy|Drama;
2012;Moonrise Kingdom;Comedy|Drama|Romance;
2009;Fantastic Mr. Fox;Adventure|Animation|Children|Comedy|Crime;
2004;Life Aquatic with Steve Zissou, The;Adventure|Comedy|Fantasy;
2007;Darjeeling Limited, The;Adventure|Comedy|Drama;
2018;Isle of Dogs;Animation|Comedy;
2019;Parasite;Comedy|Drama;
2003;Oldboy;Mystery|Thriller;
2013;Snowpiercer;Action|Drama|Sci-Fi;
2006;Host, The (Gwoemul);Comedy|Drama|Horror|Sci-Fi|Thriller;
2003;Memories of Murder (Salinui chueok);Crime|Drama|Mystery|Thriller;
2000;Crouching Tiger, Hidden Dragon (Wo hu cang long);Action|Drama|Romance;
2002;Hero (Ying xiong);Action|Adventure|Drama;
2004;House of Flying Daggers (Shi mian mai fu);Action|Drama|Romance;
2000;In the Mood For Love (Fa yeung nin wa);Drama|Romance;
1954;Seven Samurai (Shichinin no samurai);Action|Adventure|Drama;
1950;Rashomon (Rashômon);Crime|Drama|Mystery;
1985;Ran;Drama|War;
1961;Yojimbo;Action|Adventure;
1957;Throne of Blood (Kumonosu jô);Action|Drama|Thriller|War;
1953;Tokyo Story (Tôkyô monogatari);Drama;
1957;Seventh Seal, The (Sjunde inseglet, Det);Drama;
1957;Wild Strawberries (Smultronstället);Drama;
1966;Persona;Drama;
1960;Dolce Vita, La;Drama;
1963;8 1/2 (8½);Drama|Fantasy;
1948;Bicycle Thieves (a.k.a. The Bicycle Thief) (Ladri di biciclette);Drama;
1959;400 Blows, The (Les quatre cents coups);Crime|Drama;
1960;Breathless (À bout de souffle);Crime|Drama|Romance;
2001;Amelie (Fabuleux destin d'Amélie Poulain, Le);Comedy|Romance;
1995;City of Lost Children, The (Cité des enfants perdus, La);Adventure|Drama|Fantasy|Mystery|Sci-Fi;
1991;Delicatessen;Comedy|Drama|Romance;
1994;Léon: The Professional (a.k.a. The Professional) (Léon);Action|Crime|Drama|Thriller;
1997;Fifth Element, The;Action|Adventure|Comedy|Sci-Fi;
1995;Hate (Haine, La);Crime|Drama;
2006;Pan's Labyrinth (Laberinto del fauno, El);Drama|Fantasy|Thriller;
2000;Amores Perros (Love's a Bitch);Drama|Thriller;
2001;Y Tu Mamá También (And Your Mother Too);Drama|Romance;
2002;City of God (Cidade de Deus);Action|Adventure|Crime|Drama|Thriller;
2006;Lives of Others, The (Das leben der Anderen);Drama|Romance|Thriller;
1998;Run Lola Run (Lola rennt);Action|Crime;
2004;Downfall (Untergang, Der);Drama|War;
1981;Das Boot (Boat, The);Action|Drama|War;
1987;Wings of Desire (Himmel über Berlin, Der);Drama|Fantasy|Romance;
2009;White Ribbon, The (Das weiße Band);Drama|Mystery;
2011;Separation, A (Jodaeiye Nader az Simin);Drama;
1997;Life Is Beautiful (La Vita è bella);Comedy|Drama|Romance|War;
1988;Cinema Paradiso (Nuovo cinema Paradiso);Drama;
1966;Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il);Action|Adventure|Western;
1968;Once Upon a Time in the West (C'era una volta il West);Action|Drama|Western;
1964;Fistful of Dollars, A (Per un pugno di dollari);Action|Western;
1965;For a Few Dollars More (Per qualche dollaro in più);Action|Drama|Thriller|Western;
1992;Unforgiven;Drama|Western;
1969;Wild Bunch, The;Adventure|Western;
1952;High Noon;Drama|Western;
1956;Searchers, The;Drama|Western;
1969;Butch Cassidy and the Sundance Kid;Action|Western;
1990;Dances with Wolves;Adventure|Drama|Western;
1993;Tombstone;Action|Drama|Western;
2005;Brokeback Mountain;Drama|Romance;
1939;Stagecoach;Action|Drama|Romance|Western;
1953;Shane;Drama|Western;
1959;Rio Bravo;Western;
1942;Casablanca;Drama|Romance;
1941;Citizen Kane;Drama|Mystery;
1941;Maltese Falcon, The;Film-Noir|Mystery;
1944;Double Indemnity;Crime|Drama|Film-Noir;
1950;Sunset Blvd. (a.k.a. Sunset Boulevard);Drama|Film-Noir|Romance;
1949;Third Man, The;Film-Noir|Mystery|Thriller;
1946;Big Sleep, The;Crime|Film-Noir|Mystery;
1958;Touch of Evil;Crime|Film-Noir|Thriller;
1974;Chinatown;Crime|Film-Noir|Mystery|Thriller;
1997;L.A. Confidential;Crime|Film-Noir|Mystery|Thriller;
1944;Laura;Crime|Film-Noir|Mystery;
1946;Notorious;Film-Noir|Romance|Thriller;
1958;Vertigo;Drama|Mystery|Romance|Thriller;
1960;Psycho;Crime|Horror;
1954;Rear Window;Mystery|Thriller;
1959;North by Northwest;Action|Adventure|Mystery|Romance|Thriller;
1963;Birds, The;Horror|Thriller;
1940;Rebecca;Drama|Mystery|Romance|Thriller;
1951;Strangers on a Train;Crime|Drama|Film-Noir|Thriller;
1954;Dial M for Murder;Crime|Mystery|Thriller;
1955;To Catch a Thief;Crime|Mystery|Romance|Thriller;
1939;Wizard of Oz, The;Adventure|Children|Fantasy|Musical;
1939;Gone with the Wind;Drama|Romance|War;
1946;It's a Wonderful Life;Children|Drama|Fantasy|Romance;
1952;Singin' in the Rain;Comedy|Musical|Romance;
1965;Sound of Music, The;Musical|Romance;
1964;Mary Poppins;Children|Comedy|Fantasy|Musical;
1961;West Side Story;Drama|Musical|Romance;
1964;My Fair Lady;Comedy|Drama|Musical|Romance;
1971;Willy Wonka & the Chocolate Factory;Children|Comedy|Fantasy|Musical;
1978;Grease;Comedy|Musical|Romance;
1972;Cabaret;Drama|Musical;
2001;Moulin Rouge;Drama|Musical|Romance;
2002;Chicago;Comedy|Crime|Drama|Musical;
1975;Rocky Horror Picture Show, The;Comedy|Horror|Musical|Sci-Fi;
1980;Blues Brothers, The;Action|Comedy|Musical;
1959;Some Like It Hot;Comedy|Crime;
1960;Apartment, The;Comedy|Drama|Romance;
1953;Roman Holiday;Comedy|Drama|Romance;
1961;Breakfast at Tiffany's;Drama|Romance;
1934;It Happened One Night;Comedy|Romance;
1940;Philadelphia Story, The;Comedy|Drama|Romance;
1938;Bringing Up Baby;Comedy|Romance;
1950;All About Eve;Drama;
1962;Lawrence of Arabia;Adventure|Drama|War;
1957;Bridge on the River Kwai, The;Adventure|Drama|War;
1965;Doctor Zhivago;Drama|Romance|War;
1959;Ben-Hur;Action|Adventure|Drama;
1956;Ten Commandments, The;Adventure|Drama;
1963;Great Escape, The;Action|Adventure|Drama|War;
1957;12 Angry Men;Drama;
1962;To Kill a Mockingbird;Drama;
1954;On the Waterfront;Crime|Drama;
1967;Graduate, The;Comedy|Drama|Romance;
1967;Bonnie and Clyde;Crime|Drama;
1969;Midnight Cowboy;Drama;
1967;Cool Hand Luke;Drama;
1975;One Flew Over the Cuckoo's Nest;Drama;
1977;Annie Hall;Comedy|Romance;
1979;Manhattan;Comedy|Drama|Romance;
1976;Network;Comedy|Drama;
1976;All the President's Men;Drama|Thriller;
1975;Dog Day Afternoon;Crime|Drama;
1973;Sting, The;Comedy|Crime;
1973;Exorcist, The;Horror|Mystery;
1968;Rosemary's Baby;Drama|Horror|Thriller;
1978;Halloween;Horror;
1984;Nightmare on Elm Street, A;Horror|Thriller;
1982;Thing, The;Action|Horror|Sci-Fi|Thriller;
1974;Texas Chainsaw Massacre, The;Horror;
1968;Night of the Living Dead;Horror|Sci-Fi|Thriller;
1978;Dawn of the Dead;Action|Drama|Horror;
1981;Evil Dead, The;Fantasy|Horror|Thriller;
1987;Evil Dead II (Dead by Dawn);Action|Comedy|Fantasy|Horror;
1992;Army of Darkness;Action|Adventure|Comedy|Fantasy|Horror;
1990;Misery;Drama|Horror|Thriller;
1976;Carrie;Drama|Fantasy|Horror|Thriller;
1996;Scream;Comedy|Horror|Mystery|Thriller;
1999;Blair Witch Project, The;Drama|Horror|Thriller;
2002;28 Days Later;Action|Horror|Sci-Fi;
2004;Saw;Horror|Mystery|Thriller;
2004;Shaun of the Dead;Comedy|Horror;
2007;Hot Fuzz;Action|Comedy|Crime|Mystery;
2013;World's End, The;Action|Comedy|Sci-Fi;
2017;Baby Driver;Action|Comedy|Crime|Thriller;
2010;Scott Pilgrim vs. the World;Action|Comedy|Fantasy|Musical|Romance;
2017;Get Out;Horror;
2018;Hereditary;Horror|Mystery|Thriller;
2014;Babadook, The;Drama|Horror|Thriller;
2015;It Follows;Horror;
2013;Conjuring, The;Horror|Thriller;
2017;It;Horror;
2018;Quiet Place, A;Drama|Horror|Thriller;
2009;Paranormal Activity;Horror|Thriller;
1998;Ring (Ringu);Horror|Mystery;
2001;Others, The;Drama|Horror|Mystery|Thriller;
1986;Fly, The;Drama|Horror|Sci-Fi|Thriller;
1987;Predator;Action|Sci-Fi|Thriller;
1987;RoboCop;Action|Crime|Drama|Sci-Fi|Thriller;
1990;Total Recall;Action|Adventure|Sci-Fi|Thriller;
1997;Starship Troopers;Action|Sci-Fi;
1994;True Lies;Action|Adventure|Comedy|Romance|Thriller;
1996;Independence Day (a.k.a. ID4);Action|Adventure|Sci-Fi|Thriller;
1998;Armageddon;Action|Romance|Sci-Fi|Thriller;
1996;Twister;Action|Adventure|Romance|Thriller;
1996;Rock, The;Action|Adventure|Thriller;
1997;Face/Off;Action|Crime|Drama|Thriller;
1997;Con Air;Action|Adventure|Thriller;
1994;Speed;Action|Romance|Thriller;
2000;Gladiator;Action|Adventure|Drama;
2003;Master and Commander: The Far Side of the World;Adventure|Drama|War;
2004;Troy;Action|Adventure|Drama|War;
2006;300;Action|Fantasy|War|IMAX;
2009;Avatar;Action|Adventure|Sci-Fi|IMAX;
1989;Abyss, The;Action|Adventure|Sci-Fi|Thriller;
2009;District 9;Mystery|Sci-Fi|Thriller;
2014;Edge of Tomorrow;Action|Sci-Fi|IMAX;
2015;Martian, The;Adventure|Drama|Sci-Fi;
2013;Gravity;Action|Sci-Fi|IMAX;
2016;Arrival;Sci-Fi;
2014;Ex Machina;Drama|Sci-Fi|Thriller;
2013;Her;Drama|Romance|Sci-Fi;
2006;Children of Men;Action|Adventure|Drama|Sci-Fi|Thriller;
1997;Gattaca;Drama|Sci-Fi|Thriller;
1997;Contact;Drama|Sci-Fi;
2009;Moon;Drama|Mystery|Sci-Fi|Thriller;
2004;Primer;Drama|Sci-Fi;
1998;Dark City;Adventure|Film-Noir|Sci-Fi|Thriller;
1995;12 Monkeys (Twelve Monkeys);Mystery|Sci-Fi|Thriller;
1985;Brazil;Fantasy|Sci-Fi;
2001;Donnie Darko;Drama|Mystery|Sci-Fi|Thriller;
2002;Minority Report;Action|Crime|Mystery|Sci-Fi|Thriller;
2001;A.I. Artificial Intelligence;Adventure|Drama|Sci-Fi;
2005;War of the Worlds;Action|Adventure|Sci-Fi|Thriller;
2005;Serenity;Action|Adventure|Sci-Fi;
2009;Star Trek;Action|Adventure|Sci-Fi|IMAX;
1982;Star Trek II: The Wrath of Khan;Action|Adventure|Sci-Fi|Thriller;
1996;Star Trek: First Contact;Action|Adventure|Sci-Fi|Thriller;
1984;Dune;Adventure|Sci-Fi;
2021;Dune;Action|Adventure|Drama|Sci-Fi;
1986;Top Gun;Action|Romance;
2022;Top Gun: Maverick;Action|Drama;
1985;Breakfast Club, The;Comedy|Drama;
1986;Ferris Bueller's Day Off;Comedy;
1984;Sixteen Candles;Comedy|Romance;
1987;Princess Bride, The;Action|Adventure|Comedy|Fantasy|Romance;
1985;Goonies, The;Action|Adventure|Children|Comedy|Fantasy;
1986;Stand by Me;Adventure|Drama;
1984;Karate Kid, The;Drama;
1987;Dirty Dancing;Drama|Musical|Romance;
1989;When Harry Met Sally...;Comedy|Romance;
1989;Dead Poets Society;Drama;
1988;Rain Man;Drama;
1988;Big;Comedy|Drama|Fantasy|Romance;
1988;Who Framed Roger Rabbit?;Adventure|Animation|Children|Comedy|Crime|Fantasy|Mystery;
1988;Beetlejuice;Comedy|Fantasy;
1990;Edward Scissorhands;Drama|Fantasy|Romance;
1994;Ed Wood;Comedy|Drama;
1999;Sleepy Hollow;Fantasy|Horror|Mystery|Romance;
2003;Big Fish;Drama|Fantasy|Romance;
2005;Charlie and the Chocolate Factory;Adventure|Children|Comedy|Fantasy|IMAX;
1990;Pretty Woman;Comedy|Romance;
1990;Ghost;Comedy|Drama|Fantasy|Romance|Thriller;
1993;Groundhog Day;Comedy|Fantasy|Romance;
1993;Sleepless in Seattle;Comedy|Drama|Romance;
1998;You've Got Mail;Comedy|Romance;
1999;Notting Hill;Comedy|Romance;
1994;Four Weddings and a Funeral;Comedy|Romance;
2003;Love Actually;Comedy|Drama|Romance;
2001;Bridget Jones's Diary;Comedy|Drama|Romance;
1995;Sense and Sensibility;Drama|Romance;
2005;Pride & Prejudice;Drama|Romance;
1996;English Patient, The;Drama|Romance|War;
1993;Remains of the Day, The;Drama|Romance;
1985;Room with a View, A;Drama|Romance;
1993;Age of Innocence, The;Drama;
2004;Notebook, The;Drama|Romance;
2004;Before Sunset;Drama|Romance;
1995;Before Sunrise;Drama|Romance;
2013;Before Midnight;Drama|Romance;
1996;Jerry Maguire;Drama|Romance;
1998;There's Something About Mary;Comedy|Romance;
1997;As Good as It Gets;Comedy|Drama|Romance;
1998;Shakespeare in Love;Comedy|Drama|Romance;
2002;My Big Fat Greek Wedding;Comedy|Romance;
2004;Mean Girls;Comedy;
1995;Clueless;Comedy|Romance;
1999;10 Things I Hate About You;Comedy|Romance;
2007;Juno;Comedy|Drama|Romance;
2006;Little Miss Sunshine;Adventure|Comedy|Drama;
2004;Napoleon Dynamite;Comedy;
2004;Anchorman: The Legend of Ron Burgundy;Comedy;
2003;Elf;Children|Comedy|Fantasy;
2005;40-Year-Old Virgin, The;Comedy|Romance;
2007;Superbad;Comedy;
2005;Wedding Crashers;Comedy|Romance;
2004;Dodgeball: A True Underdog Story;Comedy;
2008;Tropic Thunder;Action|Adventure|Comedy|War;
2008;Step Brothers;Comedy;
2006;Borat: Cultural Learnings of America for Make Benefit Glorious Nation of Kazakhstan;Comedy;
2011;Bridesmaids;Comedy;
2009;Zombieland;Action|Comedy|Horror;
2016;Deadpool;Action|Adventure|Comedy|Sci-Fi;
1980;Airplane!;Comedy;
1988;Naked Gun: From the Files of Police Squad!, The;Action|Comedy|Crime|Romance;
1975;Monty Python and the Holy Grail;Adventure|Comedy|Fantasy;
1979;Monty Python's Life of Brian;Comedy;
1984;This Is Spinal Tap;Comedy;
1974;Young Frankenstein;Comedy|Fantasy;
1974;Blazing Saddles;Comedy|Western;
1980;Caddyshack;Comedy;
1978;Animal House;Comedy;
1996;Happy Gilmore;Comedy;
1998;Wedding Singer, The;Comedy|Romance;
1995;Billy Madison;Comedy;
1994;Dumb & Dumber (Dumb and Dumber);Adventure|Comedy;
1994;Ace Ventura: Pet Detective;Comedy;
1994;Mask, The;Action|Comedy|Crime|Fantasy;
2003;Bruce Almighty;Comedy|Drama|Fantasy|Romance;
1997;Liar Liar;Comedy;
1993;Mrs. Doubtfire;Comedy|Drama;
1996;Nutty Professor, The;Comedy|Fantasy|Romance|Sci-Fi;
1988;Coming to America;Comedy|Romance;
1984;Beverly Hills Cop;Action|Comedy|Crime|Drama;
1983;Trading Places;Comedy;
1999;Office Space;Comedy|Crime;
1994;Clerks;Comedy;
1998;Lock, Stock & Two Smoking Barrels;Comedy|Crime|Thriller;
2000;Snatch;Comedy|Crime|Thriller;
2008;In Bruges;Comedy|Crime|Drama|Thriller;
1996;Trainspotting;Comedy|Crime|Drama;
2008;Slumdog Millionaire;Crime|Drama|Romance;
1996;Big Night;Comedy|Drama;
2000;Requiem for a Dream;Drama;
2010;Black Swan;Drama|Thriller;
2008;Wrestler, The;Drama;
1998;Pi;Drama|Sci-Fi|Thriller;
2010;Social Network, The;Drama;
2007;Zodiac;Crime|Drama|Thriller;
2014;Gone Girl;Drama|Thriller;
2008;Curious Case of Benjamin Button, The;Drama|Fantasy|Mystery|Romance;
1997;Game, The;Drama|Mystery|Thriller;
2011;Girl with the Dragon Tattoo, The;Drama|Thriller;
2002;Panic Room;Thriller;
2013;Prisoners;Drama|Mystery|Thriller;
2015;Sicario;Crime|Drama|Mystery;
2015;Spotlight;Thriller;
2015;Big Short, The;Drama;
2013;12 Years a Slave;Drama;
2012;Argo;Drama|Thriller;
2012;Zero Dark Thirty;Action|Drama|Thriller;
2008;Hurt Locker, The;Action|Drama|Thriller|War;
2011;Drive;Crime|Drama|Film-Noir|Thriller;
2007;Michael Clayton;Drama|Thriller;
2005;Good Night, and Good Luck.;Crime|Drama;
2005;Capote;Crime|Drama;
2005;Munich;Action|Crime|Drama|Thriller;
2002;Catch Me If You Can;Crime|Drama;
2004;Terminal, The;Comedy|Drama|Romance;
2000;Cast Away;Drama;
1995;Apollo 13;Adventure|Drama|IMAX;
1993;Philadelphia;Drama;
1993;Fugitive, The;Thriller;
1992;Few Good Men, A;Crime|Drama|Thriller;
1993;In the Name of the Father;Drama;
1995;Leaving Las Vegas;Drama|Romance;
1996;Shine;Drama|Romance;
1999;Insider, The;Drama|Thriller;
1999;Talented Mr. Ripley, The;Drama|Mystery|Thriller;
1998;Thin Red Line, The;Action|Drama|War;
2001;Black Hawk Down;Action|Drama|War;
2006;Letters from Iwo Jima;Drama|War;
1989;Glory;Drama|War;
2016;Hacksaw Ridge;Drama|War;
2019;1917;Action|Drama|War;
1989;Born on the Fourth of July;Drama|War;
1987;Good Morning, Vietnam;Comedy|Drama|War;
1970;Patton;Drama|War;
1970;M*A*S*H (a.k.a. MASH);Comedy|Drama|War;
2004;Hotel Rwanda;Drama|War;
2008;Gran Torino;Crime|Drama;
2003;Mystic River;Crime|Drama|Mystery;
2004;Million Dollar Baby;Drama;
2004;Super Size Me;Comedy|Documentary|Drama;
2002;Bowling for Columbine;Documentary;
2004;Fahrenheit 9/11;Documentary;
2006;Inconvenient Truth, An;Documentary;
1994;Hoop Dreams;Documentary;
2005;March of the Penguins (Marche de l'empereur, La);Documentary;
2010;Inside Job;Documentary;
2010;Exit Through the Gift Shop;Comedy|Documentary;
2012;Searching for Sugar Man;Documentary;
2011;Jiro Dreams of Sushi;Documentary;
2003;Touching the Void;Adventure|Documentary;
2013;Blackfish;Documentary;
2008;Man on Wire;Documentary;
2015;Amy;Documentary;
1984;Stop Making Sense;Documentary|Musical;
2005;Grizzly Man;Documentary;
1982;Koyaanisqatsi (a.k.a. Koyaanisqatsi: Life Out of Balance);Documentary;
2014;Citizenfour;Documentary;
2018;Free Solo;Documentary;
1999;Buena Vista Social Club;Documentary|Musical;
2001;Winged Migration (Peuple migrateur, Le);Documentary;
1997;Anastasia;Adventure|Animation|Children|Drama|Musical;
1998;Prince of Egypt, The;Animation|Musical;
1999;Iron Giant, The;Adventure|Animation|Children|Drama|Sci-Fi;
1982;Secret of NIMH, The;Adventure|Animation|Children|Drama;
1986;Land Before Time, The;Adventure|Animation|Children|Fantasy;
1986;American Tail, An;Adventure|Animation|Children|Comedy;
1995;Babe;Children|Drama;
1996;Matilda;Children|Comedy|Fantasy;
1996;James and the Giant Peach;Adventure|Animation|Children|Fantasy|Musical;
1995;Jumanji;Adventure|Children|Fantasy;
1995;Casper;Adventure|Children;
1993;Hocus Pocus;Children|Comedy|Fantasy|Horror;
1984;NeverEnding Story, The;Adventure|Children|Fantasy;
1986;Labyrinth;Adventure|Fantasy|Musical;
1982;Dark Crystal, The;Adventure|Fantasy;
1985;Ladyhawke;Adventure|Fantasy|Romance;
1981;Time Bandits;Adventure|Comedy|Fantasy|Sci-Fi;
1988;Willow;Action|Adventure|Fantasy;
1982;Conan the Barbarian;Action|Adventure|Fantasy;
1986;Highlander;Action|Adventure|Fantasy;
1984;Gremlins;Comedy|Horror;
1987;Lost Boys, The;Comedy|Horror|Thriller;
1988;Big Blue, The (Grand bleu, Le);Adventure|Drama|Romance;
1992;Last of the Mohicans, The;Action|Romance|War|Western;
1992;Bram Stoker's Dracula;Fantasy|Horror|Romance|Thriller;
1994;Interview with the Vampire: The Vampire Chronicles;Drama|Horror;
1994;Legends of the Fall;Drama|Romance|War|Western;
1994;Quiz Show;Drama;
1994;Client, The;Drama|Mystery|Thriller;
1993;Piano, The;Drama|Romance;
1994;Natural Born Killers;Action|Crime|Thriller;
1991;JFK;Drama|Mystery|Thriller;
1991;Thelma & Louise;Adventure|Crime|Drama;
1991;Point Break;Action|Crime|Thriller;
1991;Hook;Adventure|Comedy|Fantasy;
1992;Basic Instinct;Crime|Mystery|Thriller;
1992;Bodyguard, The;Drama|Romance|Thriller;
1993;Cliffhanger;Action|Adventure|Thriller;
1993;Demolition Man;Action|Adventure|Sci-Fi;
1994;Stargate;Action|Adventure|Sci-Fi;
1995;Waterworld;Action|Adventure|Sci-Fi;
1995;Johnny Mnemonic;Action|Sci-Fi|Thriller;
1996;Mars Attacks!;Action|Comedy|Sci-Fi;
1999;Mummy, The;Action|Adventure|Comedy|Fantasy|Horror|Thriller;
1999;Galaxy Quest;Adventure|Comedy|Sci-Fi;
1999;Go;Comedy|Crime;
2000;Meet the Parents;Comedy;
2000;Erin Brockovich;Drama;
2000;Traffic;Crime|Drama|Thriller;
2000;Almost Famous;Drama;
2000;High Fidelity;Comedy|Drama|Romance;
2000;Unbreakable;Drama|Sci-Fi;
2002;Signs;Horror|Sci-Fi|Thriller;
2001;Ocean's Eleven;Crime|Thriller;
2001;Training Day;Crime|Drama|Thriller;
2001;Mulholland Drive;Crime|Drama|Film-Noir|Mystery|Thriller;
1986;Blue Velvet;Drama|Mystery|Thriller;
1980;Elephant Man, The;Drama;
1977;Eraserhead;Drama|Horror;
2001;Legally Blonde;Comedy|Romance;
2001;Zoolander;Comedy;
2001;Knight's Tale, A;Action|Comedy|Romance;
2002;About Schmidt;Comedy|Drama;
2003;School of Rock;Comedy|Musical;
2003;Seabiscuit;Drama;
2003;Cold Mountain;Drama|Romance|War;
2004;Sideways;Comedy|Drama|Romance;
2004;Collateral;Action|Crime|Drama|Thriller;
2004;Ray;Drama;
2005;Walk the Line;Drama|Musical|Romance;
2005;Crash;Crime|Drama;
2005;V for Vendetta;Action|Sci-Fi|Thriller|IMAX;
2005;Sin City;Action|Crime|Film-Noir|Mystery|Thriller;
2006;Devil Wears Prada, The;Comedy|Drama;
2006;Blood Diamond;Action|Adventure|Crime|Drama|Thriller|War;
2006;Illusionist, The;Drama|Fantasy|Mystery|Romance;
2007;Atonement;Drama|Romance|War;
2007;Into the Wild;Action|Adventure|Drama;
2007;3:10 to Yuma;Action|Crime|Drama|Western;
2007;I Am Legend;Action|Horror|Sci-Fi|Thriller|IMAX;
2008;Mamma Mia!;Comedy|Musical|Romance;
2009;Blind Side, The;Drama;
2009;Sherlock Holmes;Action|Crime|Mystery|Thriller;
2010;King's Speech, The;Drama;
2010;Fighter, The;Drama;
2011;Artist, The;Comedy|Drama|Romance;
2011;Intouchables;Comedy|Drama;
2011;Midnight in Paris;Comedy|Fantasy|Romance;
2011;Help, The;Drama;
2012;Silver Linings Playbook;Comedy|Drama;
2012;Life of Pi;Adventure|Drama|IMAX;
2012;Les Misérables;Drama|Musical|Romance|War;
2013;Great Gatsby, The;Drama;
2013;Dallas Buyers Club;Drama;
2014;Imitation Game, The;Drama|Thriller|War;
2014;Theory of Everything, The;Drama|Romance;
2014;Boyhood;Drama;
2014;Nightcrawler;Crime|Drama|Thriller;
2015;Room;Drama;
2015;Revenant, The;Adventure|Drama;
2016;Manchester by the Sea;Drama;
2016;Hidden Figures;Drama;
2017;Three Billboards Outside Ebbing, Missouri;Crime|Drama;
2017;Lady Bird;Comedy|Drama;
2017;Call Me by Your Name;Drama|Romance;
2017;Shape of Water, The;Adventure|Drama|Fantasy;
2018;Green Book;Drama;
2018;Bohemian Rhapsody;Drama;
2019;Joker;Crime|Drama|Thriller;
2019;Knives Out;Comedy|Crime|Drama|Mystery;
2019;Jojo Rabbit;Comedy|Drama|War;
2019;Marriage Story;Drama|Romance;
2019;Irishman, The;Crime|Drama;
2019;Ford v. Ferrari;Action|Drama;
2020;Soul;Adventure|Animation|Comedy|Fantasy;
2021;Everything Everywhere All at Once;Action|Adventure|Comedy|Fantasy|Sci-Fi;
2023;Oppenheimer;Drama;
2023;Barbie;Comedy;
"""
}
