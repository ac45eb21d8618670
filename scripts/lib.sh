# Shell functions the project's scripts share (sourced, not run).

# port_in_use PORT: true when something on this machine accepts connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
