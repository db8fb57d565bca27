namespace FhirGateway.FhirPath.Units;

/// <summary>The calendar duration keywords of https://hl7.org/fhirpath/N1/#time-valued-quantities.</summary>
internal enum CalendarUnit
{
    None,
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
}

/// <summary>Recognises calendar keywords and relates them to UCUM.</summary>
internal static class CalendarUnits
{
    /// <summary>The keyword a unit text names, singular or plural; None when it is not one.</summary>
    public static CalendarUnit FromKeyword(string unit) => unit switch
    {
        "year" or "years" => CalendarUnit.Year,
        "month" or "months" => CalendarUnit.Month,
        "week" or "weeks" => CalendarUnit.Week,
        "day" or "days" => CalendarUnit.Day,
        "hour" or "hours" => CalendarUnit.Hour,
        "minute" or "minutes" => CalendarUnit.Minute,
        "second" or "seconds" => CalendarUnit.Second,
        "millisecond" or "milliseconds" => CalendarUnit.Millisecond,
        _ => CalendarUnit.None,
    };

    /// <summary>The UCUM code that is equivalent to a calendar unit (https://hl7.org/fhirpath/N1/#time-valued-quantities).</summary>
    public static string UcumCode(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Year => "a",
        CalendarUnit.Month => "mo",
        CalendarUnit.Week => "wk",
        CalendarUnit.Day => "d",
        CalendarUnit.Hour => "h",
        CalendarUnit.Minute => "min",
        CalendarUnit.Second => "s",
        CalendarUnit.Millisecond => "ms",
        _ => "1",
    };

    private static readonly UnitForm YearForm = UnitForm.Dimension(UnitForm.CalendarMonth, 12);
    private static readonly UnitForm MonthForm = UnitForm.Dimension(UnitForm.CalendarMonth);

    /// <summary>
    /// The form of a calendar unit. Weeks and shorter equal their UCUM counterparts; years and months are
    /// kept apart from seconds, so <c>1 year = 1 'a'</c> is empty (https://hl7.org/fhirpath/N1/#quantity-equality).
    /// </summary>
    public static UnitForm Form(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Year => YearForm,
        CalendarUnit.Month => MonthForm,
        _ => Ucum.Parse(UcumCode(unit))!,
    };
}
