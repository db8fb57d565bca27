using System.Globalization;
using System.Text.Json;

namespace FhirGateway.Load;

/// <summary>
/// A deterministic synthetic population (seeded <see cref="Random"/>): UK-Core-like Patients (a valid NHS number,
/// official and usual names, phones, e-mail, a home address, next of kin, GP practice) of about 3.7 kB, and
/// Observations (subject, one of <see cref="Codes.All"/>, an effective date from 2012 to 2025, a value quantity).
/// </summary>
internal sealed class Population(int seed)
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";

    private static readonly string[] Families = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey"];
    private static readonly string[] FemaleGiven = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya", "Willow", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Margaret", "Susan", "Patricia", "Janet", "Fatima", "Aisha", "Priya", "Zara"];
    private static readonly string[] MaleGiven = ["Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Thomas", "William", "James", "David", "John", "Michael", "Peter", "Robert", "Richard", "Ahmed", "Rajesh", "Kwame", "Daniel"];
    private static readonly string[] Streets = ["High Street", "Station Road", "Main Street", "Park Road", "Church Road", "Church Street", "London Road", "Victoria Road", "Green Lane", "Manor Road", "Church Lane", "Park Avenue", "The Avenue", "The Crescent", "Queens Road", "New Road", "Grange Road", "Kings Road", "Alexandra Road", "Albert Road"];
    private static readonly (string City, string District, string Postcode)[] Towns = [("Leeds", "West Yorkshire", "LS"), ("Bradford", "West Yorkshire", "BD"), ("Manchester", "Greater Manchester", "M"), ("Sheffield", "South Yorkshire", "S"), ("Birmingham", "West Midlands", "B"), ("Bristol", "City of Bristol", "BS"), ("Newcastle upon Tyne", "Tyne and Wear", "NE"), ("Nottingham", "Nottinghamshire", "NG"), ("Liverpool", "Merseyside", "L"), ("York", "North Yorkshire", "YO")];
    private static readonly (string Code, string Display)[] Ethnicities = [("A", "White - British"), ("B", "White - Irish"), ("C", "White - Any other White background"), ("H", "Asian or Asian British - Indian"), ("J", "Asian or Asian British - Pakistani"), ("M", "Black or Black British - Caribbean"), ("N", "Black or Black British - African"), ("R", "Other Ethnic Groups - Chinese")];
    private static readonly (string Code, string Display)[] MaritalStatuses = [("M", "Married"), ("S", "Never Married"), ("D", "Divorced"), ("W", "Widowed"), ("L", "Legally Separated")];

    private readonly Random random = new(seed);

    /// <summary>A valid NHS number (modulus 11 check digit) for patient <paramref name="index"/>, unique per index.</summary>
    public static string NhsNumber(int index)
    {
        // Numbers from 900 000 000 upwards; nine digits whose check digit would be 10 are skipped by stepping on.
        for (long body = 900_000_000L + (index * 2L); ; body++)
        {
            var digits = body.ToString("D9", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The hospital (PAS) number of patient <paramref name="index"/>.</summary>
    public static string LocalNumber(int index) => "LTH" + index.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Writes a Patient (without an id) with the given NHS and hospital numbers.</summary>
    public void WritePatient(Utf8JsonWriter w, string localNumber, string nhsNumber)
    {
        var female = random.Next(2) == 0;
        var given = female ? FemaleGiven : MaleGiven;
        var first = given[random.Next(given.Length)];
        var middle = given[random.Next(given.Length)];
        var family = Families[random.Next(Families.Length)];
        var birth = new DateOnly(1930, 1, 1).AddDays(random.Next(33_000));
        var town = Towns[random.Next(Towns.Length)];
        var ethnicity = Ethnicities[random.Next(Ethnicities.Length)];
        var marital = MaritalStatuses[random.Next(MaritalStatuses.Length)];
        var postcode = $"{town.Postcode}{1 + random.Next(20)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
        var street = $"{1 + random.Next(200)} {Streets[random.Next(Streets.Length)]}";
        var birthDate = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var practice = $"Y{random.Next(10000, 99999)}";

        w.WriteStartObject();
        w.WriteString("resourceType", "Patient");
        w.WriteStartObject("text");
        w.WriteString("status", "generated");
        w.WriteString("div", $"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{first} {middle} {family.ToUpperInvariant()}, {(female ? "female" : "male")}, born {birthDate}</p><p>NHS number {nhsNumber}</p><p>{street}, {town.City}, {postcode}</p></div>");
        w.WriteEndObject();

        w.WriteStartArray("extension");
        CodedExtension(w, "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory", "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland", ethnicity.Code, ethnicity.Display);
        CodedExtension(w, "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BirthSex", "http://hl7.org/fhir/administrative-gender", female ? "female" : "male", female ? "Female" : "Male");
        w.WriteStartObject();
        w.WriteString("url", "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference");
        w.WriteStartArray("extension");
        CodedExtension(w, "PreferredContactMethod", "https://fhir.hl7.org.uk/CodeSystem/UKCore-PreferredContactMethod", "3", "Telephone");
        CodedExtension(w, "PreferredContactTimes", "https://fhir.hl7.org.uk/CodeSystem/UKCore-PreferredContactTimes", "2", "Afternoon");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("identifier");
        w.WriteStartObject();
        w.WriteStartArray("extension");
        CodedExtension(w, "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus", "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland", "01", "Number present and verified");
        w.WriteEndArray();
        w.WriteString("system", NhsNumberSystem);
        w.WriteString("value", nhsNumber);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("use", "secondary");
        w.WriteString("system", "https://fhir.leedsth.nhs.uk/Id/pas-number");
        w.WriteString("value", localNumber);
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteBoolean("active", true);
        w.WriteStartArray("name");
        w.WriteStartObject();
        w.WriteString("use", "official");
        w.WriteString("family", family);
        w.WriteStartArray("given");
        w.WriteStringValue(first);
        w.WriteStringValue(middle);
        w.WriteEndArray();
        w.WriteStartArray("prefix");
        w.WriteStringValue(female ? "Mrs" : "Mr");
        w.WriteEndArray();
        w.WriteStartObject("period");
        w.WriteString("start", birthDate);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("use", "usual");
        w.WriteStartArray("given");
        w.WriteStringValue(first);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("use", female ? "maiden" : "old");
        w.WriteString("family", Families[random.Next(Families.Length)]);
        w.WriteStartArray("given");
        w.WriteStringValue(first);
        w.WriteStringValue(middle);
        w.WriteEndArray();
        w.WriteStartObject("period");
        w.WriteString("end", birth.AddYears(20 + random.Next(15)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("telecom");
        Telecom(w, "phone", $"0113 496 {random.Next(10000):D4}", "home", 1);
        Telecom(w, "phone", $"07700 900{random.Next(1000):D3}", "mobile", 2);
        Telecom(w, "email", $"{first.ToLowerInvariant()}.{family.ToLowerInvariant()}{random.Next(1000)}@example.com", "home", 3);
        w.WriteEndArray();

        w.WriteString("gender", female ? "female" : "male");
        w.WriteString("birthDate", birthDate);

        w.WriteStartArray("address");
        w.WriteStartObject();
        w.WriteString("use", "home");
        w.WriteString("type", "physical");
        w.WriteStartArray("line");
        w.WriteStringValue(street);
        w.WriteStringValue($"{Streets[random.Next(Streets.Length)].Split(' ')[0]} Estate");
        w.WriteEndArray();
        w.WriteString("city", town.City);
        w.WriteString("district", town.District);
        w.WriteString("postalCode", postcode);
        w.WriteString("country", "GB");
        w.WriteStartObject("period");
        w.WriteString("start", birth.AddYears(18 + random.Next(20)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("use", "temp");
        w.WriteString("type", "postal");
        w.WriteStartArray("line");
        w.WriteStringValue($"Flat {1 + random.Next(40)}, {1 + random.Next(300)} {Streets[random.Next(Streets.Length)]}");
        w.WriteEndArray();
        w.WriteString("city", town.City);
        w.WriteString("district", town.District);
        w.WriteString("postalCode", $"{town.Postcode}{1 + random.Next(20)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}");
        w.WriteString("country", "GB");
        w.WriteStartObject("period");
        w.WriteString("start", "2024-09-01");
        w.WriteString("end", "2025-06-30");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartObject("maritalStatus");
        Coding(w, "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", marital.Code, marital.Display);
        w.WriteEndObject();

        w.WriteStartArray("contact");
        w.WriteStartObject();
        w.WriteStartArray("relationship");
        w.WriteStartObject();
        Coding(w, "http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("name");
        w.WriteString("use", "usual");
        w.WriteString("family", family);
        w.WriteStartArray("given");
        w.WriteStringValue((female ? MaleGiven : FemaleGiven)[random.Next(given.Length)]);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("telecom");
        Telecom(w, "phone", $"07700 900{random.Next(1000):D3}", "mobile", 1);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("communication");
        w.WriteStartObject();
        w.WriteStartObject("language");
        Coding(w, "urn:ietf:bcp:47", "en-GB", "English (United Kingdom)");
        w.WriteEndObject();
        w.WriteBoolean("preferred", true);
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartArray("generalPractitioner");
        OdsReference(w, "Organization", practice, $"{town.City} {Streets[random.Next(Streets.Length)]} Surgery");
        w.WriteEndArray();
        w.WriteStartObject("managingOrganization");
        WriteOds(w, "Organization", "RR8", "Leeds Teaching Hospitals NHS Trust");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Writes an Observation of <paramref name="patientId"/> with a random code, date and value.</summary>
    public void WriteObservation(Utf8JsonWriter w, string patientId)
    {
        var code = Codes.All[random.Next(Codes.All.Length)];
        var effective = new DateTime(2012, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(14 * 365 * 24 * 60));
        var value = Math.Round(code.Low + (random.NextDouble() * (code.High - code.Low)), 1);

        w.WriteStartObject();
        w.WriteString("resourceType", "Observation");
        w.WriteString("status", "final");
        w.WriteStartArray("category");
        w.WriteStartObject();
        Coding(w, "http://terminology.hl7.org/CodeSystem/observation-category", code.Category, code.Category == "laboratory" ? "Laboratory" : "Vital Signs");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("code");
        Coding(w, code.System, code.Code, code.Display);
        w.WriteString("text", code.Display);
        w.WriteEndObject();
        w.WriteStartObject("subject");
        w.WriteString("reference", "Patient/" + patientId);
        w.WriteEndObject();
        w.WriteString("effectiveDateTime", effective.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("issued", effective.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteStartObject("valueQuantity");
        w.WriteNumber("value", value);
        w.WriteString("unit", code.Unit);
        w.WriteString("system", "http://unitsofmeasure.org");
        w.WriteString("code", code.Unit);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void CodedExtension(Utf8JsonWriter w, string url, string system, string code, string display)
    {
        w.WriteStartObject();
        w.WriteString("url", url);
        w.WriteStartObject("valueCodeableConcept");
        Coding(w, system, code, display);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Coding(Utf8JsonWriter w, string system, string code, string display)
    {
        w.WriteStartArray("coding");
        w.WriteStartObject();
        w.WriteString("system", system);
        w.WriteString("code", code);
        w.WriteString("display", display);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Telecom(Utf8JsonWriter w, string system, string value, string use, int rank)
    {
        w.WriteStartObject();
        w.WriteString("system", system);
        w.WriteString("value", value);
        w.WriteString("use", use);
        w.WriteNumber("rank", rank);
        w.WriteEndObject();
    }

    private static void OdsReference(Utf8JsonWriter w, string type, string code, string display)
    {
        w.WriteStartObject();
        WriteOds(w, type, code, display);
        w.WriteEndObject();
    }

    private static void WriteOds(Utf8JsonWriter w, string type, string code, string display)
    {
        w.WriteString("type", type);
        w.WriteStartObject("identifier");
        w.WriteString("system", "https://fhir.nhs.uk/Id/ods-organization-code");
        w.WriteString("value", code);
        w.WriteEndObject();
        w.WriteString("display", display);
    }
}
