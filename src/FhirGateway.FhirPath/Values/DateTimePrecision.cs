namespace FhirGateway.FhirPath.Values;

/// <summary>
/// How much of a date, date-time or time value was given. Second and millisecond are distinct here (they
/// print differently) but compare as one precision, as https://hl7.org/fhirpath/N1/#datetime-equality requires.
/// </summary>
public enum DateTimePrecision : byte
{
    /// <summary>Year only (<c>2015</c>).</summary>
    Year,

    /// <summary>Year and month.</summary>
    Month,

    /// <summary>A full date.</summary>
    Day,

    /// <summary>Date and hour (<c>@2015-02-04T14</c>) or, for a time, the hour.</summary>
    Hour,

    /// <summary>Down to the minute.</summary>
    Minute,

    /// <summary>Down to the second.</summary>
    Second,

    /// <summary>With a fraction of a second.</summary>
    Millisecond,
}
