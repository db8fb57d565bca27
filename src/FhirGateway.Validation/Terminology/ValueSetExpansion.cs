namespace FhirGateway.Validation.Terminology;

/// <summary>Whether a code is in a value set: yes, no, or cannot be told locally.</summary>
internal enum Membership
{
    Member,
    NotMember,
    Unknown,
}

/// <summary>
/// The codes of a value set as far as they can be worked out locally. Codes from systems that cannot be enumerated
/// here (SNOMED CT, LOINC, UCUM and other external systems included whole or by filter) make membership in those
/// systems unknown rather than false, so such codes are never reported as wrong.
/// </summary>
internal sealed class ValueSetExpansion(string url, string name)
{
    private readonly Dictionary<string, HashSet<string>> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openSystems = new(StringComparer.Ordinal);

    public string Url { get; } = url;

    public string Name { get; } = name;

    /// <summary>Whether some part of the value set could not be expanded at all (an unknown value set).</summary>
    public bool Incomplete { get; set; }

    /// <summary>The systems whose codes could not be enumerated.</summary>
    public IReadOnlyCollection<string> OpenSystems => _openSystems;

    public IEnumerable<(string System, string Code)> Codes => _codes.SelectMany(p => p.Value.Select(c => (p.Key, c)));

    public bool HasCodes => _codes.Count > 0;

    public void Add(string system, string code)
    {
        if (!_codes.TryGetValue(system, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _codes[system] = set;
        }

        set.Add(code);
    }

    public void Remove(string system, string code)
    {
        if (_codes.TryGetValue(system, out var set))
        {
            set.Remove(code);
        }
    }

    public void RemoveSystem(string system) => _codes.Remove(system);

    public void AddOpenSystem(string system) => _openSystems.Add(system);

    public void AddAll(ValueSetExpansion other)
    {
        foreach (var (system, code) in other.Codes)
        {
            Add(system, code);
        }

        foreach (var system in other._openSystems)
        {
            _openSystems.Add(system);
        }

        Incomplete |= other.Incomplete;
    }

    public bool ContainsExactly(string system, string code) => _codes.TryGetValue(system, out var set) && set.Contains(code);

    /// <summary>Whether a code (with its system, or a bare code for elements of type code) is in the value set.</summary>
    public Membership Contains(string? system, string code, TerminologyService terminology)
    {
        if (system is not null)
        {
            if (_codes.TryGetValue(system, out var set))
            {
                if (set.Contains(code))
                {
                    return Membership.Member;
                }

                // Case-insensitive systems (ISO, some v2 tables) match regardless of case.
                if (terminology.GetCodeSystem(system) is { CaseSensitive: false } && set.Contains(code, StringComparer.OrdinalIgnoreCase))
                {
                    return Membership.Member;
                }
            }

            return _openSystems.Contains(system) || Incomplete ? Membership.Unknown : Membership.NotMember;
        }

        foreach (var set in _codes.Values)
        {
            if (set.Contains(code))
            {
                return Membership.Member;
            }
        }

        return _openSystems.Count > 0 || Incomplete ? Membership.Unknown : Membership.NotMember;
    }
}
