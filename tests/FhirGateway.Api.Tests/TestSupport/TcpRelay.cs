using System.Net;
using System.Net.Sockets;

namespace FhirGateway.Api.Tests.TestSupport;

/// <summary>
/// Relays TCP connections from a loopback port of its own to a server, until <see cref="Cut"/> closes the port and
/// every relayed connection: a database that goes away under a running gateway.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;

    public TcpRelay(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Stops listening and breaks every relayed connection.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }
    }

    public void Dispose()
    {
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_host, _port, _stop.Token);
                lock (_connections)
                {
                    _connections.AddRange([client, server]);
                }

                _ = PumpAsync(client.GetStream(), server.GetStream());
                _ = PumpAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut.
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Cut, or one side closed.
        }
    }
}
