"""Creates functions in moto's server, for the scripts that run commands against it (record.sh, the
release benchmark): moto-functions.py ENDPOINT NAME=RUNTIME... (a role 'moto-functions', waited for
while the server starts; a Python handler that returns 1)."""
import io
import sys
import time
import zipfile

import boto3

endpoint = sys.argv[1]
for _ in range(100):
    try:
        iam = boto3.client('iam', endpoint_url=endpoint)
        role = iam.create_role(RoleName='moto-functions', AssumeRolePolicyDocument='{}')['Role']['Arn']
        break
    except Exception:
        time.sleep(0.1)
code = io.BytesIO()
with zipfile.ZipFile(code, 'w') as z:
    z.writestr('h.py', 'def h(e, c): return 1')
lam = boto3.client('lambda', endpoint_url=endpoint)
for function in sys.argv[2:]:
    name, runtime = function.split('=')
    lam.create_function(FunctionName=name, Runtime=runtime, Role=role, Handler='h.h',
                        Code={'ZipFile': code.getvalue()})
