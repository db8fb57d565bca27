namespace FhirGateway.Load;

/// <summary>The observation codes the population uses: common LOINC vital signs and laboratory tests, and a few SNOMED CT findings.</summary>
internal static class Codes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";

    public static readonly ObservationCode[] All =
    [
        new(Loinc, "8867-4", "Heart rate", "/min", 50, 110, "vital-signs"),
        new(Loinc, "9279-1", "Respiratory rate", "/min", 10, 25, "vital-signs"),
        new(Loinc, "8310-5", "Body temperature", "Cel", 35.5, 39.5, "vital-signs"),
        new(Loinc, "8480-6", "Systolic blood pressure", "mm[Hg]", 95, 180, "vital-signs"),
        new(Loinc, "8462-4", "Diastolic blood pressure", "mm[Hg]", 55, 110, "vital-signs"),
        new(Loinc, "29463-7", "Body weight", "kg", 45, 130, "vital-signs"),
        new(Loinc, "8302-2", "Body height", "cm", 145, 200, "vital-signs"),
        new(Loinc, "39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 17, 40, "vital-signs"),
        new(Loinc, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 88, 100, "vital-signs"),
        new(Loinc, "9843-4", "Head Occipital-frontal circumference", "cm", 32, 60, "vital-signs"),
        new(Loinc, "2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", 60, 250, "laboratory"),
        new(Loinc, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.5, 11, "laboratory"),
        new(Loinc, "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 120, 300, "laboratory"),
        new(Loinc, "2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 25, 90, "laboratory"),
        new(Loinc, "18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "mg/dL", 50, 220, "laboratory"),
        new(Loinc, "2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", 40, 400, "laboratory"),
        new(Loinc, "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.5, 2.5, "laboratory"),
        new(Loinc, "33914-3", "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)", "mL/min/{1.73_m2}", 15, 120, "laboratory"),
        new(Loinc, "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 130, 148, "laboratory"),
        new(Loinc, "2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.2, 5.6, "laboratory"),
        new(Loinc, "3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 6, 30, "laboratory"),
        new(Loinc, "718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 9, 18, "laboratory"),
        new(Loinc, "6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 3, 15, "laboratory"),
        new(Loinc, "777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 120, 450, "laboratory"),
        new(Loinc, "789-8", "Erythrocytes [#/volume] in Blood by Automated count", "10*6/uL", 3.5, 6, "laboratory"),
        new(Loinc, "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7, 90, "laboratory"),
        new(Loinc, "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 8, 80, "laboratory"),
        new(Loinc, "1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.1, 2.5, "laboratory"),
        new(Loinc, "3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 0.3, 6, "laboratory"),
        new(Loinc, "1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "mg/L", 0.2, 80, "laboratory"),
        new(Snomed, "271649006", "Systolic blood pressure", "mm[Hg]", 95, 180, "vital-signs"),
        new(Snomed, "271650006", "Diastolic blood pressure", "mm[Hg]", 55, 110, "vital-signs"),
        new(Snomed, "27113001", "Body weight", "kg", 45, 130, "vital-signs"),
        new(Snomed, "364075005", "Heart rate", "/min", 50, 110, "vital-signs"),
        new(Snomed, "103228002", "Hemoglobin saturation with oxygen", "%", 88, 100, "vital-signs"),
        new(Snomed, "60621009", "Body mass index", "kg/m2", 17, 40, "vital-signs"),
    ];
}

internal sealed record ObservationCode(string System, string Code, string Display, string Unit, double Low, double High, string Category);
