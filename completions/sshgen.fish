# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sshgen_global_optspecs
    string join \n t/type= b/bits= f/file= C/comment= N/passphrase= passphrase-file= passphrase-env= no-passphrase a/rounds= force E/hash= q/quiet json h/help V/version
end

function __fish_sshgen_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sshgen_global_optspecs) -- $cmd 2>/dev/null
    # An option still waiting for its value: no command yet.
    or return 0
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sshgen_using_subcommand
    set -l cmd (__fish_sshgen_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sshgen -n "__fish_sshgen_needs_command" -s t -l type -d 'Key type; ssh-keygen\'s names work too, e.g. ssh-ed25519' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''"
complete -c sshgen -n "__fish_sshgen_needs_command" -s b -l bits -d 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s f -l file -d 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -s C -l comment -d 'Comment stored in the key, shown by services next to it [default: user@host]' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_needs_command" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_needs_command" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''"
complete -c sshgen -n "__fish_sshgen_needs_command" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_needs_command" -l force -d 'Replace existing key files without asking'
complete -c sshgen -n "__fish_sshgen_needs_command" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_needs_command" -l json -d 'Print one JSON object describing the new key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sshgen -n "__fish_sshgen_needs_command" -s V -l version -d 'Print version'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "generate" -d 'Make a new key pair (the default command)'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sshgen -n "__fish_sshgen_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s t -l type -d 'Key type; ssh-keygen\'s names work too, e.g. ssh-ed25519' -r -f -a "ed25519\t''
rsa\t''
ecdsa\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s b -l bits -d 'Key size in bits: RSA 2048-16384 (default 3072), ECDSA 256, 384 or 521' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s f -l file -d 'Private key file; the public key goes to FILE.pub [default: ~/.ssh/id_TYPE]' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s C -l comment -d 'Comment stored in the key, shown by services next to it [default: user@host]' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s N -l passphrase -d 'New passphrase (\'\' for none); visible to other users in the process list: prefer --passphrase-file or --passphrase-env' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l passphrase-file -d 'Read the new passphrase from the first line of PATH (\'-\' for standard input)' -r -F
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l passphrase-env -d 'Read the new passphrase from the environment variable VAR' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s a -l rounds -d 'bcrypt-pbkdf rounds for the passphrase: more is slower to open and to attack' -r -f
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s E -l hash -d 'Fingerprint hash to show' -r -f -a "sha256\t''
md5\t''"
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l no-passphrase -d 'Leave the private key unencrypted'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l force -d 'Replace existing key files without asking'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s q -l quiet -d 'Print nothing but errors'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -l json -d 'Print one JSON object describing the new key on stdout, and nothing else there'
complete -c sshgen -n "__fish_sshgen_using_subcommand generate" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate completions help" -f -a "generate" -d 'Make a new key pair (the default command)'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c sshgen -n "__fish_sshgen_using_subcommand help; and not __fish_seen_subcommand_from generate completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sshgen -n "__fish_sshgen_using_subcommand completions" -f -a "bash\t''
elvish\t''
fish\t''
powershell\t''
zsh\t''"
